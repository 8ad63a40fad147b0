/**
 * Java value types for PostgreSQL values that have no exact counterpart in the JDK: {@link
 * dev.tusk.types.Interval}, {@link dev.tusk.types.Range}, {@link dev.tusk.types.Multirange},
 * {@link dev.tusk.types.BitString}, the geometric types ({@link dev.tusk.types.Point}, {@link
 * dev.tusk.types.Line}, {@link dev.tusk.types.LineSegment}, {@link dev.tusk.types.Box}, {@link
 * dev.tusk.types.Path}, {@link dev.tusk.types.Polygon}, {@link dev.tusk.types.Circle}), network
 * addresses ({@link dev.tusk.types.Inet}, {@link dev.tusk.types.Cidr}), {@link dev.tusk.types.Tid},
 * {@link dev.tusk.types.Lsn}, {@link dev.tusk.types.Snapshot} and {@link dev.tusk.types.PgArray}.
 * Each is immutable, compares by value and may be passed as a query argument.
 */
package dev.tusk.types;
