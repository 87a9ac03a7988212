/*
 * The physical limit for `make bench`: pull every libyaml event from every file, nothing else.
 *
 *   cc -O2 probe.c $(pkg-config --cflags --libs yaml-0.1) -o probe
 *   probe DIR…          walk each directory for *.yaml / *.yml files (sorted per directory)
 *   probe < LIST        read one file name per line from stdin
 *
 * Each file is read whole into memory (as duban does) and parsed with yaml_parser_parse until
 * STREAM_END. Prints one line: files, bytes, events, and 0 parse errors (exit 1 otherwise).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

static unsigned long long files, bytes, events, errors;
static unsigned char *buffer;
static size_t capacity;

static void parse_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); errors++; return; }
    size_t length = 0, n;
    for (;;) {
        if (capacity - length < 65536) {
            capacity = capacity ? capacity * 2 : 1 << 20;
            buffer = realloc(buffer, capacity);
            if (!buffer) { perror("realloc"); exit(2); }
        }
        n = fread(buffer + length, 1, capacity - length, f);
        if (n == 0) break;
        length += n;
    }
    fclose(f);

    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, length);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) {
            fprintf(stderr, "%s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
                    parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
            errors++;
            break;
        }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
    files++;
    bytes += length;
}

static int has_yaml_suffix(const char *name) {
    size_t n = strlen(name);
    return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int by_name(const struct dirent **a, const struct dirent **b) { return strcmp((*a)->d_name, (*b)->d_name); }

static void walk(const char *dir) {
    struct dirent **entries;
    int n = scandir(dir, &entries, NULL, by_name);
    if (n < 0) { perror(dir); errors++; return; }
    size_t dlen = strlen(dir);
    for (int i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        if (name[0] != '.') {
            char *path = malloc(dlen + strlen(name) + 2);
            sprintf(path, "%s/%s", dir, name);
            struct stat st;
            if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) walk(path);
            else if (has_yaml_suffix(name)) parse_file(path);
            free(path);
        }
        free(entries[i]);
    }
    free(entries);
}

int main(int argc, char **argv) {
    if (argc > 1) {
        for (int i = 1; i < argc; i++) walk(argv[i]);
    } else {
        char line[4096];
        while (fgets(line, sizeof line, stdin)) {
            line[strcspn(line, "\n")] = 0;
            if (line[0]) parse_file(line);
        }
    }
    printf("files %llu bytes %llu events %llu errors %llu\n", files, bytes, events, errors);
    return errors ? 1 : 0;
}
