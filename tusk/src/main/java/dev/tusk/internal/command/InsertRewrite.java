package dev.tusk.internal.command;

/**
 * A plain single-row {@code INSERT ... VALUES ($1, ..., $n)} rewritten to insert many rows per
 * execution: {@code INSERT ... SELECT pg_catalog.unnest($1), ..., pg_catalog.unnest($n)}, each
 * parameter an array holding one column of a chunk of rows. {@code unnest} is qualified so that no
 * function of that name earlier on the search_path can stand in. Everything before the
 * {@code VALUES} keyword (the table, its alias, the column list, OVERRIDING) is kept as written.
 *
 * <p>The set-returning functions stand in the select list rather than in FROM
 * ({@code SELECT * FROM unnest($1, $2)}) because in FROM a composite element would be expanded
 * into its fields; in the select list all of them advance in step and yield one row per element.
 * Immutable.
 */
public final class InsertRewrite {

    private final String originalSql;
    private final String sql;
    private final int parameterCount;

    InsertRewrite(String originalSql, String beforeValues, int parameterCount) {
        this.originalSql = originalSql;
        this.parameterCount = parameterCount;
        StringBuilder out = new StringBuilder(beforeValues.length() + 16 * parameterCount + 8);
        out.append(beforeValues);
        if (beforeValues.isEmpty() || !Character.isWhitespace(beforeValues.charAt(beforeValues.length() - 1))) {
            out.append(' ');
        }
        out.append("SELECT ");
        for (int i = 1; i <= parameterCount; i++) {
            out.append(i == 1 ? "pg_catalog.unnest($" : ", pg_catalog.unnest($").append(i).append(')');
        }
        this.sql = out.toString();
    }

    /** The rewrite of {@code sql}, or null when it is not a plain single-row INSERT of parameters. */
    public static InsertRewrite of(String sql) {
        return InsertStatementScanner.scan(sql);
    }

    /** The statement as the caller wrote it. */
    public String originalSql() {
        return originalSql;
    }

    /** The statement that inserts a chunk of rows from one array per parameter. */
    public String sql() {
        return sql;
    }

    /** The number of parameters, the same in both statements. */
    public int parameterCount() {
        return parameterCount;
    }

    @Override
    public String toString() {
        return sql;
    }
}
