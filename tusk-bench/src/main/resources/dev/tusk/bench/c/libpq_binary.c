/*
 * libpq, PostgreSQL's own C client, as a lean application would use it: one prepared statement
 * per connection, PQexecPrepared with binary parameters and binary results, and each value of
 * each row read where libpq put it (PQgetvalue, PQgetlength: no conversion to a C type, so less
 * than a Java driver does). One call at a time per connection. See reference.h.
 */
#include "reference.h"

#include <arpa/inet.h>
#include <libpq-fe.h>

static volatile long sink; /* keeps the reads */

static void *run_connection(void *unused) {
    (void) unused;
    char conninfo[512];
    snprintf(conninfo, sizeof conninfo, "host=%s port=%s user=%s dbname=%s sslmode=disable",
            config.host, config.port, config.user, config.database);
    PGconn *connection = PQconnectdb(conninfo);
    if (PQstatus(connection) != CONNECTION_OK) {
        fail("connect: %s", PQerrorMessage(connection));
    }
    PGresult *prepared = PQprepare(connection, "s", WORKLOAD_SQL[config.workload], 0, NULL);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        fail("prepare: %s", PQresultErrorMessage(prepared));
    }
    PQclear(prepared);
    if (config.in_flight != 1) {
        fail("the libpq client runs one call at a time per connection");
    }
    uint64_t random_state = (uint64_t) nanos(CLOCK_MONOTONIC) | 1;
    uint32_t typmod = htonl((uint32_t) -1), aid;
    char defined = 1;
    const char *values[2];
    int lengths[2], formats[2] = { 1, 1 }, count = 0;
    if (config.workload == PGTYPE) {
        values[0] = (const char *) &typmod;
        lengths[0] = 4;
        values[1] = &defined;
        lengths[1] = 1;
        count = 2;
    } else if (config.workload == POINT) {
        values[0] = (const char *) &aid;
        lengths[0] = 4;
        count = 1;
    }
    atomic_fetch_add(&connections_ready, 1);
    long s = 0;
    for (;;) {
        aid = htonl((uint32_t) random_aid(&random_state));
        PGresult *result = PQexecPrepared(connection, "s", count, values, lengths, formats, 1);
        if (PQresultStatus(result) != PGRES_TUPLES_OK) {
            fail("execute: %s", PQresultErrorMessage(result));
        }
        int rows = PQntuples(result), columns = PQnfields(result);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                s += PQgetlength(result, row, column) + (unsigned char) PQgetvalue(result, row, column)[0];
            }
        }
        sink = s;
        PQclear(result);
        completed(rows);
    }
    return NULL;
}

int main(int argc, char **argv) {
    return reference_main(argc, argv);
}
