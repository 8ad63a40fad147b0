package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tusk.exceptions.PostgresException;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Server errors become the R2DBC exception of their SQLSTATE, and the connection stays usable. */
class ErrorMappingTest extends R2dbcTestBase {

    @Test
    void aSyntaxErrorIsBadGrammarCarryingTheOffendingSql() {
        String sql = "SELEC 1";

        R2dbcException e = failure(() -> run(sql));

        assertThat(e).isInstanceOf(R2dbcBadGrammarException.class);
        assertThat(((R2dbcBadGrammarException) e).getOffendingSql()).isEqualTo(sql);
        assertThat(e.getSqlState()).isEqualTo("42601");
        assertThat(e.getErrorCode()).isZero();
        assertThat(e.getMessage()).contains("syntax error");
        assertThat(e.getCause()).isInstanceOf(PostgresException.class);
        assertThat(value("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void anUnknownTableInABoundStatementIsBadGrammar() {
        R2dbcException e = failure(() -> Flux.from(connection.createStatement("SELECT * FROM no_such_table WHERE id = $1")
                .bind(0, 1).execute()).concatMap(r -> r.map(row -> row.get(0))).blockLast(R2dbcTestServer.TIMEOUT));

        assertThat(e).isInstanceOf(R2dbcBadGrammarException.class);
        assertThat(e.getSqlState()).isEqualTo("42P01");
        assertThat(e.getMessage()).contains("no_such_table");
    }

    @Test
    void aUniqueViolationIsDataIntegrityViolationWithSqlState23505() {
        String table = newTable("id int PRIMARY KEY");
        run("INSERT INTO " + table + " VALUES (1)");

        R2dbcException e = failure(() -> run("INSERT INTO " + table + " VALUES (1)"));

        assertThat(e).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(e.getSqlState()).isEqualTo("23505");
        assertThat(run("INSERT INTO " + table + " VALUES (2)")).isEqualTo(1L);
    }

    @Test
    void aNotNullViolationIsDataIntegrityViolation() {
        String table = newTable("id int NOT NULL");

        R2dbcException e = failure(() -> Flux.from(connection.createStatement("INSERT INTO " + table + " VALUES ($1)")
                .bindNull(0, Integer.class).execute()).concatMap(r -> r.getRowsUpdated()).blockLast(R2dbcTestServer.TIMEOUT));

        assertThat(e).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(e.getSqlState()).isEqualTo("23502");
    }

    @Test
    void theStatementTimeoutCancelsALongStatementWithTimeoutException() {
        await(connection.setStatementTimeout(Duration.ofMillis(100)));

        R2dbcException e = failure(() -> run("SELECT pg_sleep(30)"));

        assertThat(e).isInstanceOf(R2dbcTimeoutException.class);
        assertThat(e.getSqlState()).isEqualTo("57014");
        await(connection.setStatementTimeout(Duration.ZERO));
        assertThat(value("SHOW statement_timeout", String.class)).isEqualTo("0");
    }

    @Test
    void exceedingTheLockWaitTimeoutIsTimeoutException() {
        String table = newTable("id int");
        Connection holder = otherConnection();
        await(holder.beginTransaction());
        run(holder, "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        await(connection.setLockWaitTimeout(Duration.ofMillis(50)));

        R2dbcException e = failure(() -> count(connection, table));

        await(holder.rollbackTransaction());
        assertThat(e.getSqlState()).isEqualTo("55P03");
        assertThat(e).isInstanceOf(R2dbcTimeoutException.class);
    }

    @Test
    void aMissingPrivilegeIsPermissionDenied() {
        String table = newTable("id int");
        String role = "r2dbc_reader_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        run("CREATE ROLE " + role);
        try {
            run("SET ROLE " + role);
            R2dbcException e = failure(() -> count(connection, table));
            run("RESET ROLE");

            assertThat(e).isInstanceOf(R2dbcPermissionDeniedException.class);
            assertThat(e.getSqlState()).isEqualTo("42501");
        } finally {
            run("RESET ROLE");
            run("DROP ROLE " + role);
        }
    }

    @Test
    void aDivisionByZeroIsAnR2dbcExceptionWithItsSqlStateAndTheConnectionStaysUsable() {
        R2dbcException e = failure(() -> value("SELECT 1 / 0", Integer.class));

        assertThat(e.getSqlState()).isEqualTo("22012");
        assertThat(e.getMessage()).contains("division by zero");
        assertThat(value("SELECT 2", Integer.class)).isEqualTo(2);
    }

    @Test
    void anErrorInsideATransactionAbortsItUntilRollback() {
        await(connection.beginTransaction());
        failure(() -> value("SELECT 1 / 0", Integer.class));

        R2dbcException aborted = failure(() -> value("SELECT 1", Integer.class));
        await(connection.rollbackTransaction());

        assertThat(aborted.getSqlState()).isEqualTo("25P02");
        assertThat(value("SELECT 3", Integer.class)).isEqualTo(3);
    }

    @Test
    void aValueOfTheWrongTypeForAParameterFailsWithoutBreakingTheConnection() {
        Throwable e = catchFailure(() -> Flux.from(connection.createStatement("SELECT $1::int4").bind(0, "not a number")
                .execute()).concatMap(r -> r.map(row -> row.get(0))).blockLast(R2dbcTestServer.TIMEOUT));

        assertThat(e).isInstanceOfAny(R2dbcException.class, IllegalArgumentException.class);
        assertThat(e.getMessage()).contains("$1");
        assertThat(value("SELECT 4", Integer.class)).isEqualTo(4);
    }

    private static R2dbcException failure(ThrowingCallable action) {
        Throwable e = catchFailure(action);
        assertThat(e).isInstanceOf(R2dbcException.class);
        return (R2dbcException) e;
    }

    private static Throwable catchFailure(ThrowingCallable action) {
        Throwable e = catchThrowable(action);
        assertThat(e).as("expected a failure").isNotNull();
        return e;
    }
}
