/* check.h — the unit-test harness: each RUN is one case; a case passes when
 * at least one CHECK ran in it and none failed (a case that checks nothing
 * fails). Prints "PASS name" / "FAIL name" lines that tests/run.sh counts. */
#ifndef BULLETIN_CHECK_H
#define BULLETIN_CHECK_H
#include <stdio.h>

static int check_case_failed;
static int check_case_checks;
static int check_failures;

#define CHECK(cond)                                                              \
    do {                                                                         \
        check_case_checks++;                                                     \
        if (!(cond)) {                                                           \
            printf("  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);    \
            check_case_failed = 1;                                               \
        }                                                                        \
    } while (0)

#define RUN(fn)                                                                  \
    do {                                                                         \
        check_case_failed = check_case_checks = 0;                               \
        fn();                                                                    \
        if (!check_case_checks) {                                                \
            printf("  %s: no CHECK ran\n", #fn);                                 \
            check_case_failed = 1;                                               \
        }                                                                        \
        printf("%s %s\n", check_case_failed ? "FAIL" : "PASS", #fn);             \
        check_failures += check_case_failed;                                     \
        fflush(stdout);                                                          \
    } while (0)

#define CHECK_DONE() (check_failures ? 1 : 0)

#endif
