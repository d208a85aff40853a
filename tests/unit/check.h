/* check.h — the unit-test harness: each TEST is one case; a case passes when
 * none of its CHECKs fail. Prints "PASS name" / "FAIL name: where" lines that
 * tests/run.sh counts. */
#ifndef BULLETIN_CHECK_H
#define BULLETIN_CHECK_H
#include <stdio.h>

static int check_case_failed;
static int check_failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
            check_case_failed = 1;                                               \
        }                                                                        \
    } while (0)

#define RUN(fn)                                                                  \
    do {                                                                         \
        check_case_failed = 0;                                                   \
        fn();                                                                    \
        printf("%s %s\n", check_case_failed ? "FAIL" : "PASS", #fn);             \
        check_failures += check_case_failed;                                     \
        fflush(stdout);                                                          \
    } while (0)

#define CHECK_DONE() (check_failures ? 1 : 0)

#endif
