/*
 * The floor of client cost: the extended query protocol spoken directly over TCP, by a client that
 * does nothing a driver could skip and nothing more. Per call it writes one prebuilt
 * Bind/Execute/Sync (binary results), reads until ReadyForQuery and walks each DataRow's column
 * lengths; it decodes no value and builds no object. Up to IN_FLIGHT calls are outstanding per
 * connection. Trust authentication only (the benchmark's server). See reference.h.
 */
#include "reference.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#define BUFFER_SIZE (256 * 1024)

typedef struct {
    int socket;
    char *buffer;
    int length, position;
} connection;

static void put32(char *at, uint32_t value) {
    value = htonl(value);
    memcpy(at, &value, 4);
}

static uint32_t get32(const char *at) {
    uint32_t value;
    memcpy(&value, at, 4);
    return ntohl(value);
}

static void send_all(connection *c, const char *bytes, int length) {
    while (length > 0) {
        ssize_t sent = send(c->socket, bytes, length, 0);
        if (sent <= 0) {
            fail("send: %s", sent == 0 ? "closed" : strerror(errno));
        }
        bytes += sent;
        length -= (int) sent;
    }
}

/* Reads messages up to and including the next ReadyForQuery; returns the DataRows among them. */
static long read_until_ready(connection *c) {
    long rows = 0;
    for (;;) {
        while (c->length - c->position >= 5) {
            const char *message = c->buffer + c->position;
            uint32_t length = get32(message + 1);
            if (c->length - c->position < 1 + (int) length) {
                break;
            }
            const char *body = message + 5;
            switch (message[0]) {
            case 'D': {
                int columns = ((unsigned char) body[0] << 8) | (unsigned char) body[1];
                const char *value = body + 2;
                for (int i = 0; i < columns; i++) {
                    int32_t size = (int32_t) get32(value);
                    value += 4 + (size > 0 ? size : 0);
                }
                rows++;
                break;
            }
            case 'E':
                for (const char *field = body; *field != 0; field += strlen(field) + 1) {
                    if (*field == 'M') {
                        fail("server error: %s", field + 1);
                    }
                }
                fail("server error without a message");
                break;
            case 'R':
                if (get32(body) != 0) {
                    fail("the server asks for authentication method %u; this client speaks trust only", get32(body));
                }
                break;
            }
            c->position += 1 + (int) length;
            if (message[0] == 'Z') {
                return rows;
            }
        }
        if (c->position > 0) {
            memmove(c->buffer, c->buffer + c->position, c->length - c->position);
            c->length -= c->position;
            c->position = 0;
        }
        if (c->length == BUFFER_SIZE) {
            fail("a message larger than %d bytes", BUFFER_SIZE);
        }
        ssize_t got = recv(c->socket, c->buffer + c->length, BUFFER_SIZE - c->length, 0);
        if (got <= 0) {
            fail("recv: %s", got == 0 ? "connection closed" : strerror(errno));
        }
        c->length += (int) got;
    }
}

static void open_connection(connection *c) {
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *address;
    int status = getaddrinfo(config.host, config.port, &hints, &address);
    if (status != 0) {
        fail("%s:%s: %s", config.host, config.port, gai_strerror(status));
    }
    c->socket = socket(address->ai_family, SOCK_STREAM, 0);
    if (c->socket < 0 || connect(c->socket, address->ai_addr, address->ai_addrlen) != 0) {
        fail("connect to %s:%s: %s", config.host, config.port, strerror(errno));
    }
    freeaddrinfo(address);
    int on = 1;
    setsockopt(c->socket, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on); /* as libpq and every driver */
    c->buffer = malloc(BUFFER_SIZE);
    c->length = c->position = 0;

    char startup[512];
    int n = 8;
    n += sprintf(startup + n, "user") + 1;
    n += sprintf(startup + n, "%s", config.user) + 1;
    n += sprintf(startup + n, "database") + 1;
    n += sprintf(startup + n, "%s", config.database) + 1;
    startup[n++] = 0;
    put32(startup, n);
    put32(startup + 4, 196608); /* protocol 3.0 */
    send_all(c, startup, n);
    read_until_ready(c);

    /* Parse "s" (parameter types left to the server) and Sync */
    const char *sql = WORKLOAD_SQL[config.workload];
    int sql_length = (int) strlen(sql) + 1;
    char *parse = malloc(sql_length + 32);
    n = 0;
    parse[n++] = 'P';
    n += 4;
    memcpy(parse + n, "s", 2);
    n += 2;
    memcpy(parse + n, sql, sql_length);
    n += sql_length;
    parse[n++] = 0;
    parse[n++] = 0;
    put32(parse + 1, n - 1);
    parse[n++] = 'S';
    put32(parse + n, 4);
    n += 4;
    send_all(c, parse, n);
    free(parse);
    read_until_ready(c);
}

/* Writes Bind (statement "s", binary parameters and results), Execute and Sync for one call. */
static int build_call(char *call, uint64_t *random_state) {
    char parameters[16];
    int count = 0, n = 0;
    if (config.workload == PGTYPE) {
        put32(parameters + n, 4);
        put32(parameters + n + 4, (uint32_t) -1);     /* typtypmod = -1 */
        put32(parameters + n + 8, 1);
        parameters[n + 12] = 1;                       /* typisdefined = true */
        n += 13;
        count = 2;
    } else if (config.workload == POINT) {
        put32(parameters + n, 4);
        put32(parameters + n + 4, (uint32_t) random_aid(random_state));
        n += 8;
        count = 1;
    }
    int k = 0;
    call[k++] = 'B';
    int length_at = k;
    k += 4;
    call[k++] = 0;                                    /* unnamed portal */
    call[k++] = 's';
    call[k++] = 0;
    call[k++] = 0; call[k++] = 1; call[k++] = 0; call[k++] = 1;   /* every parameter binary */
    call[k++] = 0; call[k++] = (char) count;
    memcpy(call + k, parameters, n);
    k += n;
    call[k++] = 0; call[k++] = 1; call[k++] = 0; call[k++] = 1;   /* every result column binary */
    put32(call + length_at, k - length_at);
    call[k++] = 'E';
    put32(call + k, 9);
    k += 4;
    call[k++] = 0;
    put32(call + k, 0);
    k += 4;
    call[k++] = 'S';
    put32(call + k, 4);
    k += 4;
    return k;
}

static void *run_connection(void *unused) {
    (void) unused;
    connection c;
    open_connection(&c);
    uint64_t random_state = (uint64_t) nanos(CLOCK_MONOTONIC) | 1;
    char call[128];
    atomic_fetch_add(&connections_ready, 1);
    for (int i = 0; i < config.in_flight; i++) {
        send_all(&c, call, build_call(call, &random_state));
    }
    for (;;) {
        completed(read_until_ready(&c));
        send_all(&c, call, build_call(call, &random_state));
    }
    return NULL;
}

int main(int argc, char **argv) {
    return reference_main(argc, argv);
}
