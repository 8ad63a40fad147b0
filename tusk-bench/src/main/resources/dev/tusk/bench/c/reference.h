/*
 * Shared by tusk-bench's C reference clients (CReference.java compiles and drives them): the
 * arguments, the workloads' statements and parameters, and the counters the harness reads.
 *
 *   <client> WORKLOAD CONNECTIONS IN_FLIGHT HOST PORT USER DATABASE
 *
 * Each connection has its own thread. The client prints "ready" once every connection has
 * prepared its statement; then, for each line it reads on stdin, it prints the counters so far:
 * "<operations> <rows> <cpu nanoseconds> <wall nanoseconds>" (cpu: the process's user + system
 * time). It exits when stdin ends. A failure prints "error: ..." on stderr and exits with 1.
 */
#ifndef TUSK_BENCH_REFERENCE_H
#define TUSK_BENCH_REFERENCE_H

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* The statements of Workload.java, and the rows each must return (-1: any number but 0). */
enum workload { SELECT1, PGTYPE, WIDE, POINT };
static const char *const WORKLOAD_NAMES[] = { "select1", "pgtype", "wide", "point" };
static const char *const WORKLOAD_SQL[] = {
    "SELECT 1",
    "SELECT typname, typnamespace, typowner, typlen, typbyval, typcategory, typispreferred,"
        " typisdefined, typdelim, typrelid, typelem, typarray FROM pg_type"
        " WHERE typtypmod = $1 AND typisdefined = $2",
    "SELECT i::int4 AS a, i::int8 * 1000 AS b, i * 1.5::float8 AS c, lpad(i::text, 30, 'x') AS d,"
        " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' AS e"
        " FROM generate_series(1, 1000) AS i",
    "SELECT abalance FROM pgbench_accounts WHERE aid = $1",
};
static const long WORKLOAD_ROWS[] = { 1, -1, 1000, 1 };
#define ACCOUNTS 1000000 /* pgbench_accounts at scale 10 */

static struct {
    enum workload workload;
    int connections, in_flight;
    const char *host, *port, *user, *database;
} config;

static atomic_long operations_done, rows_done, connections_ready;

static void fail(const char *format, ...) {
    va_list args;
    va_start(args, format);
    fputs("error: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
    exit(1);
}

/* Counts one completed operation after checking its row count. */
static void completed(long rows) {
    long expected = WORKLOAD_ROWS[config.workload];
    if (expected < 0 ? rows == 0 : rows != expected) {
        fail("%s returned %ld rows", WORKLOAD_NAMES[config.workload], rows);
    }
    atomic_fetch_add_explicit(&operations_done, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&rows_done, rows, memory_order_relaxed);
}

/* A random aid for the point lookup, from a per-thread xorshift state. */
static int32_t random_aid(uint64_t *state) {
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return (int32_t) (x % ACCOUNTS) + 1;
}

static int64_t nanos(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t) t.tv_sec * 1000000000 + t.tv_nsec;
}

static void *run_connection(void *unused); /* each client's own */

/* Parses the arguments, starts the connections and answers the harness until stdin ends. */
static int reference_main(int argc, char **argv) {
    if (argc != 8) {
        fail("usage: %s WORKLOAD CONNECTIONS IN_FLIGHT HOST PORT USER DATABASE", argv[0]);
    }
    int found = 0;
    for (int w = SELECT1; w <= POINT; w++) {
        if (strcmp(argv[1], WORKLOAD_NAMES[w]) == 0) {
            config.workload = (enum workload) w;
            found = 1;
        }
    }
    if (!found) {
        fail("unknown workload %s", argv[1]);
    }
    config.connections = atoi(argv[2]);
    config.in_flight = atoi(argv[3]);
    if (config.connections < 1 || config.in_flight < 1) {
        fail("connections and in-flight must be at least 1");
    }
    config.host = argv[4];
    config.port = argv[5];
    config.user = argv[6];
    config.database = argv[7];
    for (int i = 0; i < config.connections; i++) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, run_connection, NULL) != 0) {
            fail("cannot start a thread");
        }
        pthread_detach(thread);
    }
    while (atomic_load(&connections_ready) < config.connections) {
        struct timespec pause = { 0, 1000000 };
        nanosleep(&pause, NULL);
    }
    printf("ready\n");
    fflush(stdout);
    char line[64];
    while (fgets(line, sizeof line, stdin) != NULL) {
        struct rusage usage;
        getrusage(RUSAGE_SELF, &usage);
        int64_t cpu = ((int64_t) usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000000
                + ((int64_t) usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1000;
        printf("%ld %ld %lld %lld\n", atomic_load(&operations_done), atomic_load(&rows_done),
                (long long) cpu, (long long) nanos(CLOCK_MONOTONIC));
        fflush(stdout);
    }
    _exit(0); /* the connection threads are still running; the server sees the sockets close */
}

#endif
