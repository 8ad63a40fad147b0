package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.exceptions.InterfaceException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcRollbackException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** SQLSTATE → R2DBC exception class, without a server. */
class ErrorTranslatorUnitTest {

    private static R2dbcException forState(String state) {
        return ErrorTranslator.forSqlState(state, "message", "SELECT 1", null);
    }

    @Test
    void eachSqlstateClassBecomesItsR2dbcException() {
        assertThat(forState("42P01")).isInstanceOf(R2dbcBadGrammarException.class);
        assertThat(forState("23505")).isInstanceOf(R2dbcDataIntegrityViolationException.class);
        assertThat(forState("42501")).isInstanceOf(R2dbcPermissionDeniedException.class);
        assertThat(forState("28P01")).isInstanceOf(R2dbcPermissionDeniedException.class);
        assertThat(forState("40001")).isInstanceOf(R2dbcRollbackException.class);
        assertThat(forState("40P01")).isInstanceOf(R2dbcRollbackException.class);
        assertThat(forState("57014")).isInstanceOf(R2dbcTimeoutException.class);
        assertThat(forState("55P03")).isInstanceOf(R2dbcTimeoutException.class);
        assertThat(forState("08006")).isInstanceOf(R2dbcTransientResourceException.class);
        assertThat(forState("53300")).isInstanceOf(R2dbcTransientResourceException.class);
        assertThat(forState("57P01")).isInstanceOf(R2dbcTransientResourceException.class);
        assertThat(forState("54000")).isInstanceOf(R2dbcNonTransientResourceException.class);
        assertThat(forState("XX000")).isInstanceOf(R2dbcNonTransientResourceException.class);
    }

    @Test
    void otherStatesStillCarryTheirSqlstateAndErrorCodeZero() {
        R2dbcException e = forState("22012");

        assertThat(e.getSqlState()).isEqualTo("22012");
        assertThat(e.getErrorCode()).isZero();
        assertThat(e.getMessage()).isEqualTo("message");
    }

    @Test
    void aBadGrammarExceptionNamesTheOffendingSql() {
        assertThat(((R2dbcBadGrammarException) forState("42601")).getOffendingSql()).isEqualTo("SELECT 1");
    }

    @Test
    void misuseDetectedByTuskIsAnIllegalStateExceptionAndCompletionWrappersAreRemoved() {
        InterfaceException closed = new InterfaceException("the connection is closed");

        Throwable translated = ErrorTranslator.translate(new CompletionException(closed), null);

        assertThat(translated).isInstanceOf(IllegalStateException.class).hasMessage("the connection is closed").hasCause(closed);
    }
}
