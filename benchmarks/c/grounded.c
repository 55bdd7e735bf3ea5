/* Grounded extension of an ICCMA'23 framework (p af N, then "i j" attacks), counter and queue.

   The reference point for benchmarks/solver.py: read the whole file, parse it by hand, build the
   attack lists in CSR form (count, prefix sum, fill), then label in O(|A| + |R|) and print
   "w 1 2 3" as ICCMA'23 solvers do. Lines starting with '#' are comments. Malformed input
   stops with exit status 1 and a message naming the line.

   Build: cc -O2 -o grounded grounded.c     Run: ./grounded FILE.i23 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *path, long line, const char *what) {
    if (line > 0)
        fprintf(stderr, "%s: line %ld: %s\n", path, line, what);
    else
        fprintf(stderr, "%s: %s\n", path, what);
    exit(1);
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) die(path, 0, "cannot open");
    if (fseek(f, 0, SEEK_END) != 0) die(path, 0, "cannot seek");
    long size = ftell(f);
    if (size < 0) die(path, 0, "cannot tell size");
    rewind(f);
    char *buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) die(path, 0, "cannot read");
    fclose(f);
    buf[size] = '\n';
    *len = (size_t)size + 1;
    return buf;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.i23\n", argv[0]);
        return 2;
    }
    const char *path = argv[1];
    size_t len;
    char *buf = slurp(path, &len);
    const char *p = buf, *end = buf + len;

    long n = -1, line = 0, m = 0, cap = 1 << 20;
    int *src = malloc(sizeof(int) * (size_t)cap), *dst = malloc(sizeof(int) * (size_t)cap);
    while (p < end) {
        line++;
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) p++;
        if (*p == '\n') { p++; continue; }
        if (*p == '#') { while (*p != '\n') p++; p++; continue; }
        if (n < 0) {
            if (strncmp(p, "p af ", 5) != 0) die(path, line, "expected the header 'p af N'");
            p += 5;
            while (*p == ' ') p++;
            if (*p < '0' || *p > '9') die(path, line, "expected the header 'p af N'");
            n = 0;
            while (*p >= '0' && *p <= '9') n = n * 10 + (*p++ - '0');
            while (*p != '\n') p++;
            p++;
            continue;
        }
        long v[2];
        for (int k = 0; k < 2; k++) {
            while (*p == ' ' || *p == '\t') p++;
            if (*p < '0' || *p > '9') die(path, line, "expected two argument numbers");
            v[k] = 0;
            while (*p >= '0' && *p <= '9') v[k] = v[k] * 10 + (*p++ - '0');
            if (v[k] < 1 || v[k] > n) die(path, line, "argument number out of range");
        }
        while (*p == ' ' || *p == '\t' || *p == '\r') p++;
        if (*p != '\n') die(path, line, "expected two argument numbers");
        p++;
        if (m == cap) {
            cap *= 2;
            src = realloc(src, sizeof(int) * (size_t)cap);
            dst = realloc(dst, sizeof(int) * (size_t)cap);
            if (!src || !dst) die(path, 0, "out of memory");
        }
        src[m] = (int)v[0] - 1;
        dst[m] = (int)v[1] - 1;
        m++;
    }
    free(buf);
    if (n < 0) die(path, 0, "no 'p af N' header");

    /* CSR of outgoing attacks; pending[j] = attackers of j not yet OUT. */
    int *start = calloc((size_t)n + 1, sizeof(int)), *pending = calloc((size_t)n, sizeof(int));
    int *targets = malloc(sizeof(int) * (size_t)(m ? m : 1));
    for (long e = 0; e < m; e++) { start[src[e] + 1]++; pending[dst[e]]++; }
    for (long i = 0; i < n; i++) start[i + 1] += start[i];
    int *fill = malloc(sizeof(int) * (size_t)(n ? n : 1));
    memcpy(fill, start, sizeof(int) * (size_t)n);
    for (long e = 0; e < m; e++) targets[fill[src[e]]++] = dst[e];
    free(fill); free(src); free(dst);

    char *state = calloc((size_t)n, 1); /* 0 undecided, 1 IN, 2 OUT */
    int *queue = malloc(sizeof(int) * (size_t)(n ? n : 1));
    long head = 0, tail = 0;
    for (long i = 0; i < n; i++)
        if (pending[i] == 0) { state[i] = 1; queue[tail++] = (int)i; }
    while (head < tail) {
        int i = queue[head++];
        for (int e = start[i]; e < start[i + 1]; e++) {
            int j = targets[e];
            if (state[j]) continue;
            state[j] = 2;
            for (int f = start[j]; f < start[j + 1]; f++) {
                int k = targets[f];
                if (--pending[k] == 0 && state[k] == 0) { state[k] = 1; queue[tail++] = k; }
            }
        }
    }

    /* Print in argument order, through one buffer. */
    size_t outcap = 2 + (size_t)n * 12, pos = 0;
    char *out = malloc(outcap);
    out[pos++] = 'w';
    for (long i = 0; i < n; i++) {
        if (state[i] != 1) continue;
        char digits[16];
        int d = 0;
        long v = i + 1;
        while (v) { digits[d++] = (char)('0' + v % 10); v /= 10; }
        out[pos++] = ' ';
        while (d) out[pos++] = digits[--d];
    }
    out[pos++] = '\n';
    fwrite(out, 1, pos, stdout);
    return 0;
}
