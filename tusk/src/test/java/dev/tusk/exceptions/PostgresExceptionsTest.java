package dev.tusk.exceptions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PostgresExceptionsTest {

    private static ErrorFields fieldsWithSqlState(String sqlState) {
        return ErrorFields.of(Map.of('S', "ERROR", 'V', "ERROR", 'C', sqlState, 'M', "something failed"));
    }

    @Test
    void uniqueViolationIsAnIntegrityConstraintViolation() {
        ErrorFields fields = fieldsWithSqlState("23505");

        PostgresException e = PostgresExceptions.fromFields(fields);

        assertThat(e).isExactlyInstanceOf(UniqueViolationException.class)
                .isInstanceOf(IntegrityConstraintViolationException.class);
        assertThat(e.getFields()).isSameAs(fields);
        assertThat(e.isClientSide()).isFalse();
    }

    @Test
    void unknownCodeOfAKnownClassMapsToTheClassException() {
        PostgresException e = PostgresExceptions.fromFields(fieldsWithSqlState("23999"));

        assertThat(e).isExactlyInstanceOf(IntegrityConstraintViolationException.class);
        assertThat(e.getSqlState()).isEqualTo("23999");
    }

    @Test
    void unknownClassMapsToPlainPostgresException() {
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("ZZ123")))
                .isExactlyInstanceOf(PostgresException.class);
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("ZZ000")))
                .isExactlyInstanceOf(PostgresException.class);
    }

    @Test
    void unknownCodeOfAClassWithoutAClassCodeMapsToPlainPostgresException() {
        // Class 10 (XQuery) lists only 10608, no 10000.
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("10609")))
                .isExactlyInstanceOf(PostgresException.class);
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("10608")))
                .isExactlyInstanceOf(InvalidArgumentForXqueryException.class);
    }

    @Test
    void missingOrMalformedSqlStateMapsToPlainPostgresException() {
        assertThat(PostgresExceptions.fromFields(ErrorFields.of(Map.of('M', "no code"))))
                .isExactlyInstanceOf(PostgresException.class);
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("235")))
                .isExactlyInstanceOf(PostgresException.class);
    }

    @Test
    void warningCodesAreNotGeneratedAndMapToPlainPostgresException() {
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState("01000")))
                .isExactlyInstanceOf(PostgresException.class);
    }

    @Test
    void clientSideMapsTheCodeAndUsesTheClientSideConstructor() {
        IOException cause = new IOException("frame length 2147483647 exceeds the limit");

        PostgresException e = PostgresExceptions.clientSide("08P01", "protocol violation", cause);

        assertThat(e).isExactlyInstanceOf(ProtocolViolationException.class)
                .isInstanceOf(ConnectionException.class);
        assertThat(e.isClientSide()).isTrue();
        assertThat(e.getSqlState()).isEqualTo("08P01");
        assertThat(e.getSeverity()).isEqualTo("FATAL");
        assertThat(e.getCause()).isSameAs(cause);
    }

    @Test
    void clientSideUnknownCodeOfAKnownClassKeepsItsOwnSqlState() {
        PostgresException e = PostgresExceptions.clientSide("22ZZZ", "odd input", null);

        assertThat(e).isExactlyInstanceOf(DataException.class);
        assertThat(e.getSqlState()).isEqualTo("22ZZZ");
        assertThat(e.isClientSide()).isTrue();
    }

    @Test
    void generatedClassesAcceptTheClientSideConstructorDirectly() {
        ProtocolViolationException e = new ProtocolViolationException(ProtocolViolationException.SQLSTATE,
                "unexpected message 'Z'", null);

        assertThat(e.getSqlState()).isEqualTo("08P01");
        assertThat(e.isClientSide()).isTrue();
    }

    static Stream<Arguments> wellKnownCodes() {
        return Stream.of(
                Arguments.of("08000", ConnectionException.class, PostgresException.class),
                Arguments.of("08001", ClientCannotConnectException.class, ConnectionException.class),
                Arguments.of("08003", ConnectionDoesNotExistException.class, ConnectionException.class),
                Arguments.of("08004", ConnectionRejectionException.class, ConnectionException.class),
                Arguments.of("08006", ConnectionFailureException.class, ConnectionException.class),
                Arguments.of("08P01", ProtocolViolationException.class, ConnectionException.class),
                Arguments.of("0A000", FeatureNotSupportedException.class, PostgresException.class),
                Arguments.of("22000", DataException.class, PostgresException.class),
                Arguments.of("22001", StringDataRightTruncationException.class, DataException.class),
                Arguments.of("22003", NumericValueOutOfRangeException.class, DataException.class),
                Arguments.of("22004", NullValueNotAllowedException.class, DataException.class),
                Arguments.of("22012", DivisionByZeroException.class, DataException.class),
                Arguments.of("22P02", InvalidTextRepresentationException.class, DataException.class),
                Arguments.of("23000", IntegrityConstraintViolationException.class, PostgresException.class),
                Arguments.of("23502", NotNullViolationException.class, IntegrityConstraintViolationException.class),
                Arguments.of("23503", ForeignKeyViolationException.class, IntegrityConstraintViolationException.class),
                Arguments.of("23505", UniqueViolationException.class, IntegrityConstraintViolationException.class),
                Arguments.of("23514", CheckViolationException.class, IntegrityConstraintViolationException.class),
                Arguments.of("23P01", ExclusionViolationException.class, IntegrityConstraintViolationException.class),
                Arguments.of("25P02", InFailedSqlTransactionException.class, InvalidTransactionStateException.class),
                Arguments.of("28000", InvalidAuthorizationSpecificationException.class, PostgresException.class),
                Arguments.of("28P01", InvalidPasswordException.class, InvalidAuthorizationSpecificationException.class),
                Arguments.of("2F002", ModifyingSqlDataNotPermittedException.class, SqlRoutineException.class),
                Arguments.of("38002", ModifyingExternalRoutineSqlDataNotPermittedException.class,
                        ExternalRoutineException.class),
                Arguments.of("39004", NullValueInExternalRoutineNotAllowedException.class,
                        ExternalRoutineInvocationException.class),
                Arguments.of("3D000", InvalidCatalogNameException.class, PostgresException.class),
                Arguments.of("3F000", InvalidSchemaNameException.class, PostgresException.class),
                Arguments.of("40001", SerializationFailureException.class, TransactionRollbackException.class),
                Arguments.of("40P01", DeadlockDetectedException.class, TransactionRollbackException.class),
                Arguments.of("42000", SyntaxOrAccessException.class, PostgresException.class),
                Arguments.of("42501", InsufficientPrivilegeException.class, SyntaxOrAccessException.class),
                Arguments.of("42601", SyntaxErrorException.class, SyntaxOrAccessException.class),
                Arguments.of("42703", UndefinedColumnException.class, SyntaxOrAccessException.class),
                Arguments.of("42883", UndefinedFunctionException.class, SyntaxOrAccessException.class),
                Arguments.of("42P01", UndefinedTableException.class, SyntaxOrAccessException.class),
                Arguments.of("53300", TooManyConnectionsException.class, InsufficientResourcesException.class),
                Arguments.of("55P03", LockNotAvailableException.class, ObjectNotInPrerequisiteStateException.class),
                Arguments.of("57014", QueryCanceledException.class, OperatorInterventionException.class),
                Arguments.of("57P01", AdminShutdownException.class, OperatorInterventionException.class),
                Arguments.of("58P03", FileNameTooLongException.class, SystemErrorException.class),
                Arguments.of("P0001", RaiseException.class, PlpgsqlErrorException.class),
                Arguments.of("XX000", InternalServerException.class, PostgresException.class),
                Arguments.of("XX001", DataCorruptedException.class, InternalServerException.class));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("wellKnownCodes")
    void wellKnownCodesMapToTheirClassUnderTheirClassException(String sqlState,
            Class<? extends PostgresException> expected, Class<? extends PostgresException> parent) throws Exception {
        assertThat(PostgresExceptions.fromFields(fieldsWithSqlState(sqlState))).isExactlyInstanceOf(expected);
        assertThat(PostgresExceptions.clientSide(sqlState, "m", null)).isExactlyInstanceOf(expected);
        assertThat(expected.getSuperclass()).isEqualTo(parent);
        assertThat(expected.getField("SQLSTATE").get(null)).isEqualTo(sqlState);
    }
}
