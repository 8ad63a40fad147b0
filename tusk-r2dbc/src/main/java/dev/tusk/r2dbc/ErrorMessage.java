package dev.tusk.r2dbc;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;

/** The error segment of a result whose statement failed. */
final class ErrorMessage implements Result.Message {

    private final R2dbcException exception;

    ErrorMessage(R2dbcException exception) {
        this.exception = exception;
    }

    /** The translated exception. */
    @Override
    public R2dbcException exception() {
        return exception;
    }

    /** Always 0: PostgreSQL identifies errors by SQLSTATE only. */
    @Override
    public int errorCode() {
        return exception.getErrorCode();
    }

    /** The SQLSTATE. */
    @Override
    public String sqlState() {
        return exception.getSqlState();
    }

    /** The server's message. */
    @Override
    public String message() {
        return exception.getMessage();
    }

    @Override
    public String toString() {
        return "Message[" + sqlState() + ": " + message() + "]";
    }
}
