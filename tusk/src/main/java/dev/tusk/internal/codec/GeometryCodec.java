package dev.tusk.internal.codec;

import dev.tusk.types.Box;
import dev.tusk.types.Circle;
import dev.tusk.types.Line;
import dev.tusk.types.LineSegment;
import dev.tusk.types.Path;
import dev.tusk.types.Point;
import dev.tusk.types.Polygon;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometric types, all made of float8 coordinates ({@code point_send}, {@code box_send}, ...):
 * {@code point} ↔ {@link Point} (x, y); {@code lseg} ↔ {@link LineSegment} (two points);
 * {@code box} ↔ {@link Box} (upper right, then lower left corner); {@code line} ↔ {@link Line}
 * (a, b, c); {@code circle} ↔ {@link Circle} (centre, radius); {@code path} ↔ {@link Path} (a
 * closed flag byte, a 32-bit point count, the points); {@code polygon} ↔ {@link Polygon} (a
 * 32-bit point count, the points).
 */
final class GeometryCodec extends AbstractCodec {

    static final GeometryCodec POINT = new GeometryCodec(Oids.POINT, "point", Point.class);
    static final GeometryCodec LSEG = new GeometryCodec(Oids.LSEG, "lseg", LineSegment.class);
    static final GeometryCodec BOX = new GeometryCodec(Oids.BOX, "box", Box.class);
    static final GeometryCodec LINE = new GeometryCodec(Oids.LINE, "line", Line.class);
    static final GeometryCodec CIRCLE = new GeometryCodec(Oids.CIRCLE, "circle", Circle.class);
    static final GeometryCodec PATH = new GeometryCodec(Oids.PATH, "path", Path.class);
    static final GeometryCodec POLYGON = new GeometryCodec(Oids.POLYGON, "polygon", Polygon.class);

    private static final int POINT_SIZE = 16;


    private GeometryCodec(int oid, String typeName, Class<?> javaType) {
        super(oid, typeName, javaType);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        switch (oid()) {
            case Oids.POINT:
                DecodeException.checkLength(typeName(), length, 16);
                return point(buf, offset);
            case Oids.LSEG:
                DecodeException.checkLength(typeName(), length, 32);
                return new LineSegment(point(buf, offset), point(buf, offset + 16));
            case Oids.BOX:
                DecodeException.checkLength(typeName(), length, 32);
                return new Box(point(buf, offset), point(buf, offset + 16));
            case Oids.LINE:
                DecodeException.checkLength(typeName(), length, 24);
                return new Line(float8(buf, offset), float8(buf, offset + 8), float8(buf, offset + 16));
            case Oids.CIRCLE:
                DecodeException.checkLength(typeName(), length, 24);
                return new Circle(point(buf, offset), float8(buf, offset + 16));
            case Oids.PATH:
                DecodeException.checkMinLength(typeName(), length, 5);
                int closed = buf[offset];
                if (closed != 0 && closed != 1) {
                    throw new DecodeException("path closed flag: " + closed + " (expected: 0 or 1)");
                }
                return new Path(points(buf, offset + 1, length - 1), closed == 1);
            default:
                return new Polygon(points(buf, offset, length));
        }
    }

    /** A 32-bit count and that many points, the count checked against the length first. */
    private List<Point> points(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, 4);
        int count = Bytes.getInt(buf, offset);
        if (count < 0 || (long) count * POINT_SIZE != length - 4) {
            throw new DecodeException(typeName() + " point count: " + count + " (expected: " + (length - 4) / POINT_SIZE
                    + " for " + (length - 4) + " bytes)");
        }
        List<Point> points = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            points.add(point(buf, offset + 4 + i * POINT_SIZE));
        }
        return points;
    }

    private static Point point(byte[] buf, int offset) {
        return new Point(float8(buf, offset), float8(buf, offset + 8));
    }

    private static double float8(byte[] buf, int offset) {
        return Double.longBitsToDouble(Bytes.getLong(buf, offset));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!javaType().isInstance(value)) {
            throw EncodeException.wrongType(javaType().getName(), value);
        }
        switch (oid()) {
            case Oids.POINT:
                writePoint((Point) value, out);
                break;
            case Oids.LSEG:
                writePoint(((LineSegment) value).p1(), out);
                writePoint(((LineSegment) value).p2(), out);
                break;
            case Oids.BOX:
                writePoint(((Box) value).high(), out);
                writePoint(((Box) value).low(), out);
                break;
            case Oids.LINE:
                Line line = (Line) value;
                out.writeDouble(line.a());
                out.writeDouble(line.b());
                out.writeDouble(line.c());
                break;
            case Oids.CIRCLE:
                writePoint(((Circle) value).center(), out);
                out.writeDouble(((Circle) value).radius());
                break;
            case Oids.PATH:
                out.writeByte(((Path) value).closed() ? 1 : 0);
                writePoints(((Path) value).points(), out);
                break;
            default:
                writePoints(((Polygon) value).points(), out);
                break;
        }
    }

    private static void writePoints(List<Point> points, ByteBuf out) {
        out.writeInt(points.size());
        for (Point point : points) {
            writePoint(point, out);
        }
    }

    private static void writePoint(Point point, ByteBuf out) {
        out.writeDouble(point.x());
        out.writeDouble(point.y());
    }
}
