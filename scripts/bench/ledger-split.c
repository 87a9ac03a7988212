/*
 * The physical limit of a ledger pass for `make bench`: read a CSV in blocks and split it into
 * lines and fields, nothing else (no decoding, no checks, no allocation per row).
 *
 *   cc -O2 ledger-split.c -o ledger-split
 *   ledger-split FILE…
 *
 * Splits as docs/ledgers.md reads: a line end ends the row (no line break inside a field, a
 * quote left open ends with its line), a comma outside quotes ends a field, a quote toggles
 * quoting (a doubled quote toggles twice). Prints one line per file: lines, fields, bytes.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { BLOCK = 1 << 20 };

static int split(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return 1; }
    static unsigned char buf[BLOCK];
    unsigned long long lines = 0, fields = 0, bytes = 0;
    int quoted = 0, pending = 0;
    ssize_t n;
    while ((n = read(fd, buf, BLOCK)) > 0) {
        bytes += (unsigned long long)n;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char c = buf[i];
            if (c > ',') continue;          /* neither '\n', '"' nor ',' */
            if (c == '"') quoted ^= 1;
            else if (c == ',') fields += !quoted;
            else if (c == '\n') { lines++; fields++; quoted = 0; }
        }
        pending = buf[n - 1] != '\n';
    }
    if (n < 0) { perror(path); close(fd); return 1; }
    close(fd);
    if (pending) { lines++; fields++; }     /* a last line without a line end */
    printf("%s: lines %llu fields %llu bytes %llu\n", path, lines, fields, bytes);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: ledger-split FILE...\n");
        return 2;
    }
    int failed = 0;
    for (int i = 1; i < argc; i++) failed |= split(argv[i]);
    return failed;
}
