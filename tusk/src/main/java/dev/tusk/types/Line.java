package dev.tusk.types;

/**
 * A PostgreSQL {@code line}: the infinite line {@code ax + by + c = 0}, as asyncpg's {@code Line}.
 * PostgreSQL refuses {@code a} and {@code b} both zero.
 *
 * @param a the x coefficient
 * @param b the y coefficient
 * @param c the constant term
 */
public record Line(double a, double b, double c) {

    /** PostgreSQL's text form, <code>{a,b,c}</code>. */
    @Override
    public String toString() {
        return "{" + a + "," + b + "," + c + "}";
    }
}
