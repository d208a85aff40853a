/* forksweep.c — the allocation-failure sweep's fork server (make oom,
 * tests/oom/sweep.sh): an LD_PRELOAD library that makes the Nth allocation
 * of one bulletin run fail, for every N of the run (or every STRIDE-th).
 *
 * The run goes on as if nothing failed; at each chosen allocation it forks,
 * and in the child that allocation returns NULL (the only one that fails
 * there). The parent waits for the child and records how it ended, so the
 * work before N is shared: one fork and one error path per N instead of a
 * whole run. The child works in a folder of its own (the outputs are
 * relative names, the inputs absolute): the old outputs are put there, and
 * every file and folder the run had open is reopened for the child alone —
 * a file being written is copied there under its name (or, unlinked, copied
 * unlinked) —
 * so that no child moves the parent's file offsets or touches its files.
 *
 * How a child ended, classified in the parent:
 *   same       exit 0, no message, every output the reference's bytes
 *              (the failure was survived by design)
 *   oom        exit 3, exactly "bulletin: error: out of memory" and nothing else
 *   different  exit 0 with other bytes or a message (a silent degradation)
 *   exit1      exit 1: out of memory taken for an input error
 *   message    exit 3 with another message, or more than one
 *   silent     a non-zero exit without a message
 *   exitN      any other exit code
 *   crash      killed by a signal: the module whose code crashed or aborted
 *              (the first frame outside libc and this shim) is recorded
 *   hang       still running after OOMSWEEP_TIMEOUT seconds
 * and, whatever the end, flagged: `leftover` when a file other than the
 * outputs is left in its folder or in $TMPDIR (a partial or temporary file),
 * `changed` when an old output changed without an exit 0. Each N is in the
 * phase `start` or `run`: before or after main called bl_startup_done (every
 * font chain resolved; what libraries cannot survive is tolerated only
 * before it).
 *
 * Environment (tests/oom/sweep.sh sets it):
 *   OOMSWEEP_REPORT   file the parent appends one line per N to (required)
 *   OOMSWEEP_OUTPUTS  the run's outputs, names relative to the working
 *                     folder, ':'-separated; each holds an old file there
 *   OOMSWEEP_REFS     their reference bytes (paths, in the same order)
 *   OOMSWEEP_SCRATCH  a folder of the sweep's own (captured stderr, the
 *                     child's folder)
 *   OOMSWEEP_SCRUB    folders a child may write to and the parent empties
 *                     after it, ':'-separated (fontconfig's cache: a child
 *                     that lost an allocation while loading a cache scans
 *                     the fonts again and writes one)
 *   OOMSWEEP_STRIDE, OOMSWEEP_PHASE   only N with N % STRIDE == PHASE
 *   OOMSWEEP_SLICE=i/k   of those, every k-th from the i-th (k sweeps side by
 *                        side share the N between them)
 *   OOMSWEEP_AFTER=1  only N after the start-up marker
 *   OOMSWEEP_SKIP     modules, ':'-separated, by the start of their names
 *                     ("libfontconfig"): an allocation with a frame in one of
 *                     them is passed over (counted, never made to fail) —
 *                     for a second case whose start-up another case sweeps
 *   OOMSWEEP_SKIP_STRIDE=K  of the allocations inside those modules, every
 *                     K-th is made to fail after all (the first, the K+1-th…)
 *   OOMSWEEP_TIMEOUT  seconds a child may take (default 10)
 *   OOMSWEEP_KEEP     keep the messages of this many children that did not end
 *                     `same` or `oom`, in SCRATCH/N.err (default 50)
 *
 * A report line, tab-separated: N, phase, outcome, flags (or -), the
 * child's time (microseconds, fork to reaping), what was found (the crash's culprit frame and chain, the first message; or -), and
 * the failed allocation's callers as module+offset(symbol+offset). The
 * parent's own allocations never fail and the shim allocates nothing in it.
 * Only the main thread's allocations are counted (the sweep runs -j 1);
 * others are counted apart and reported.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

enum { MAX_OUTPUTS = 4, MAX_FRAMES = 48, SITE_FRAMES = 8, CRASH_FRAMES = 12 };

/* ---- the real allocator ---------------------------------------------- */

/* The next definitions (libc's, or AddressSanitizer's when it runs under
 * it); libc's own while they are being found. */
static void *(*next_malloc)(size_t);
static void *(*next_calloc)(size_t, size_t);
static void *(*next_realloc)(void *, size_t);
static int (*next_posix_memalign)(void **, size_t, size_t);
static void *(*next_aligned_alloc)(size_t, size_t);
static void *(*next_memalign)(size_t, size_t);
static int resolving;

static void resolve(void)
{
    if (next_malloc || resolving)
        return;
    resolving = 1;
    *(void **)&next_calloc = dlsym(RTLD_NEXT, "calloc");   /* POSIX's way to a function pointer */
    *(void **)&next_realloc = dlsym(RTLD_NEXT, "realloc");
    *(void **)&next_posix_memalign = dlsym(RTLD_NEXT, "posix_memalign");
    *(void **)&next_aligned_alloc = dlsym(RTLD_NEXT, "aligned_alloc");
    *(void **)&next_memalign = dlsym(RTLD_NEXT, "memalign");
    *(void **)&next_malloc = dlsym(RTLD_NEXT, "malloc");
    resolving = 0;
}

/* ---- configuration ---------------------------------------------------- */

static struct {
    int ready, enabled;
    long stride, phase, slice, slices, timeout, keep;
    long skip_stride;               /* of the skipped modules' allocations, every Nth
                                       made to fail after all (0: none) */
    int after_only;
    int report_fd;                  /* the parent's lines */
    int err_fd, info_fd;            /* the child's stderr, and what it finds */
    int stderr_known;               /* the stderr the program was started with: */
    dev_t stderr_dev;
    ino_t stderr_ino;
    int noutputs;
    char outputs[MAX_OUTPUTS][NAME_MAX + 1];
    const unsigned char *ref[MAX_OUTPUTS];   /* the reference bytes (mapped) */
    size_t ref_len[MAX_OUTPUTS];
    const unsigned char *old[MAX_OUTPUTS];   /* the old outputs' bytes (mapped) */
    size_t old_len[MAX_OUTPUTS];
    char cwd[PATH_MAX];             /* the run's working folder */
    char child_dir[PATH_MAX];       /* where each child works */
    char scratch[PATH_MAX];         /* the sweep's own folder */
    char tmpdir[PATH_MAX];          /* $TMPDIR: must stay empty */
    int nscrub;
    char scrub[MAX_OUTPUTS][NAME_MAX + 1];   /* emptied after each child */
    int nskip;
    char skip[MAX_OUTPUTS][NAME_MAX + 1];    /* modules whose allocations are passed over */
} cfg;

static long n_alloc;         /* allocations of the main thread so far */
static long n_candidates;    /* of them, chosen by stride and phase */
static long n_children;
static long n_other_threads; /* allocations of other threads (never failed) */
static long n_skipped;       /* candidates passed over (OOMSWEEP_SKIP) */
static long n_skip_seen;     /* candidates inside the skipped modules, for their stride */
static long n_at_startup = -1;   /* n_alloc when the marker was passed */
static int in_child;
static int in_shim;          /* the shim's own work (opendir allocates): not counted */
static pid_t main_pid;
static unsigned char copy_buf[1 << 16];

static long env_long(const char *name, long dflt)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : dflt;
}

static void die(const char *what)
{
    char b[PATH_MAX + 128];
    int n = snprintf(b, sizeof b, "forksweep: %s: %s\n", what, strerror(errno));
    if (write(2, b, (size_t)n) < 0)
        _exit(125);
    _exit(125);
}

/* Map a whole file read-only; NULL for an empty one. */
static const unsigned char *map_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0)
        die(path);
    *len = (size_t)st.st_size;
    void *p = *len ? mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    if (p == MAP_FAILED)
        die(path);
    close(fd);
    return p;
}

/* Split a ':'-list into out[max]; the count. */
static int split_list(const char *s, char out[][NAME_MAX + 1], int max)
{
    int n = 0;
    while (s && *s && n < max) {
        const char *end = strchr(s, ':');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        if (len > NAME_MAX)
            len = NAME_MAX;
        memcpy(out[n], s, len);
        out[n++][len] = 0;
        s = end ? end + 1 : NULL;
    }
    return n;
}

static int open_scratch(const char *dir, const char *name)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0)
        die(path);
    return fd;
}

static void configure(void)
{
    extern char **environ;
    if (!environ)
        return;   /* too early (a sanitizer's start): not yet read, not counted */
    cfg.ready = 1;
    const char *report = getenv("OOMSWEEP_REPORT");
    if (!report || !*report)
        return;
    main_pid = getpid();
    cfg.stride = env_long("OOMSWEEP_STRIDE", 1);
    cfg.phase = env_long("OOMSWEEP_PHASE", 0);
    cfg.skip_stride = env_long("OOMSWEEP_SKIP_STRIDE", 0);
    if (cfg.skip_stride < 0)
        cfg.skip_stride = 0;
    cfg.after_only = env_long("OOMSWEEP_AFTER", 0) != 0;
    cfg.timeout = env_long("OOMSWEEP_TIMEOUT", 10);
    cfg.keep = env_long("OOMSWEEP_KEEP", 50);
    const char *slice = getenv("OOMSWEEP_SLICE");
    cfg.slices = 1;
    if (slice && sscanf(slice, "%ld/%ld", &cfg.slice, &cfg.slices) != 2)
        cfg.slices = 1;
    if (cfg.stride < 1)
        cfg.stride = 1;
    if (cfg.slices < 1)
        cfg.slices = 1;
    if ((cfg.report_fd = open(report, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0)
        die(report);
    const char *scratch = getenv("OOMSWEEP_SCRATCH");
    scratch = scratch && *scratch ? scratch : ".";
    struct stat err_st;
    if (fstat(2, &err_st) == 0) {
        cfg.stderr_known = 1;
        cfg.stderr_dev = err_st.st_dev;
        cfg.stderr_ino = err_st.st_ino;
    }
    cfg.err_fd = open_scratch(scratch, "stderr");
    cfg.info_fd = open_scratch(scratch, "info");
    snprintf(cfg.child_dir, sizeof cfg.child_dir, "%s/child", scratch);
    snprintf(cfg.scratch, sizeof cfg.scratch, "%s", scratch);
    if (!getcwd(cfg.cwd, sizeof cfg.cwd))
        die("getcwd");
    char refs[MAX_OUTPUTS][NAME_MAX + 1];
    cfg.noutputs = split_list(getenv("OOMSWEEP_OUTPUTS"), cfg.outputs, MAX_OUTPUTS);
    if (split_list(getenv("OOMSWEEP_REFS"), refs, MAX_OUTPUTS) != cfg.noutputs) {
        errno = EINVAL;
        die("OOMSWEEP_OUTPUTS and OOMSWEEP_REFS differ in length");
    }
    for (int i = 0; i < cfg.noutputs; i++) {
        cfg.ref[i] = map_file(refs[i], &cfg.ref_len[i]);
        /* the old output's bytes, kept apart: the run itself replaces it at its end */
        char keep[PATH_MAX];
        snprintf(keep, sizeof keep, "%s/old-%d", scratch, i);
        size_t len;
        const unsigned char *p = map_file(cfg.outputs[i], &len);
        int fd = open(keep, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || (len && write(fd, p, len) != (ssize_t)len) || close(fd) != 0)
            die(keep);
        if (p)
            munmap((void *)p, len);
        cfg.old[i] = map_file(keep, &cfg.old_len[i]);
    }
    cfg.nscrub = split_list(getenv("OOMSWEEP_SCRUB"), cfg.scrub, MAX_OUTPUTS);
    cfg.nskip = split_list(getenv("OOMSWEEP_SKIP"), cfg.skip, MAX_OUTPUTS);
    const char *tmp = getenv("TMPDIR");
    snprintf(cfg.tmpdir, sizeof cfg.tmpdir, "%s", tmp && *tmp ? tmp : "");
    /* a crash's backtrace loads libgcc's unwinder: load it now, not in a
     * child whose heap may be in any state */
    void *warm[2];
    backtrace(warm, 2);
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    cfg.enabled = 1;
}

static int is_output(const char *name)
{
    for (int i = 0; i < cfg.noutputs; i++)
        if (strcmp(name, cfg.outputs[i]) == 0)
            return 1;
    return 0;
}

/* ---- where code is ------------------------------------------------------ */

/* The module of addr ("bulletin" for the program), the offset in it and the
 * nearest exported symbol (NULL when none). */
static const char *module_of(const void *addr, uintptr_t *offset, const char **symbol,
                             uintptr_t *sym_offset)
{
    static uintptr_t exe_base;
    Dl_info info;
    if (!exe_base) {
        Dl_info e;
        if (dladdr((void *)getauxval(AT_ENTRY), &e))
            exe_base = (uintptr_t)e.dli_fbase;
    }
    *symbol = NULL;
    *sym_offset = 0;
    if (!dladdr(addr, &info) || !info.dli_fname) {
        *offset = (uintptr_t)addr;
        return "?";
    }
    *offset = (uintptr_t)addr - (uintptr_t)info.dli_fbase;
    if (info.dli_sname) {
        *symbol = info.dli_sname;
        *sym_offset = (uintptr_t)addr - (uintptr_t)info.dli_saddr;
    }
    if ((uintptr_t)info.dli_fbase == exe_base)
        return "bulletin";
    const char *slash = strrchr(info.dli_fname, '/');
    return slash ? slash + 1 : info.dli_fname;
}

/* libc, the loader, the sanitizers' runtimes, the unwinder and this shim:
 * code that only passes a crash or an allocation on. */
static int is_plumbing(const char *module)
{
    static const char *const names[] = {"libc.so", "ld-linux", "libasan", "libubsan",
                                        "forksweep", "libgcc_s", "?"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strncmp(module, names[i], strlen(names[i])) == 0)
            return 1;
    return 0;
}

static int is_shim(const void *addr)
{
    uintptr_t off, soff;
    const char *sym;
    return strncmp(module_of(addr, &off, &sym, &soff), "forksweep", 9) == 0;
}

/* Append " module+0xoff(symbol+0xoff)" for each frame to b[*len..size). */
static void put_frames(char *b, size_t *len, size_t size, void *const *frames, int n)
{
    for (int i = 0; i < n && *len + 1 < size; i++) {
        uintptr_t off, soff;
        const char *sym;
        const char *mod = module_of(frames[i], &off, &sym, &soff);
        int k = sym ? snprintf(b + *len, size - *len, " %s+0x%lx(%s+0x%lx)", mod,
                               (unsigned long)off, sym, (unsigned long)soff)
                    : snprintf(b + *len, size - *len, " %s+0x%lx", mod, (unsigned long)off);
        if (k > 0)
            *len += (size_t)k;
    }
    if (*len >= size)
        *len = size - 1;
}

/* ---- the child ---------------------------------------------------------- */

static char alt_stack[1 << 16];

/* A crash, or the time limit: write the culprit (the first frame outside
 * the plumbing) and the chain of frames to the info file, then die of the
 * same signal. */
static void on_crash(int sig, siginfo_t *si, void *ctx)
{
    (void)si;
    void *frames[MAX_FRAMES];
    int n = backtrace(frames, MAX_FRAMES);
    void *pc = (void *)((ucontext_t *)ctx)->uc_mcontext.gregs[REG_RIP];
    /* frames: this handler, the signal trampoline, then what was running
     * (from pc itself when the unwinder found it, else from pc's caller) */
    int from = 0;
    while (from < n && frames[from] != pc)
        from++;
    void *chain[MAX_FRAMES + 1];
    int m = 0;
    if (from == n) {
        chain[m++] = pc;
        from = 2;
    }
    for (int i = from; i < n; i++)
        chain[m++] = frames[i];
    int at = 0;
    while (at < m) {
        uintptr_t off, soff;
        const char *sym;
        if (!is_plumbing(module_of(chain[at], &off, &sym, &soff)))
            break;
        at++;
    }
    char b[3072];
    size_t len = (size_t)snprintf(b, sizeof b, "crash %d", sig);
    if (at < m)
        put_frames(b, &len, sizeof b - 1, chain + at, 1);
    else
        len += (size_t)snprintf(b + len, sizeof b - len, " ?");
    len += (size_t)snprintf(b + len, sizeof b - len, " <-");
    put_frames(b, &len, sizeof b - 1, chain, m < CRASH_FRAMES ? m : CRASH_FRAMES);
    b[len++] = '\n';
    if (write(cfg.info_fd, b, len) < 0)
        _exit(126);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Copy what fd holds into to (from the start; fd's offset unmoved). */
static void copy_fd(int fd, int to)
{
    off_t at = 0;
    ssize_t k;
    while ((k = pread(fd, copy_buf, sizeof copy_buf, at)) > 0) {
        if (write(to, copy_buf, (size_t)k) != k)
            die("copying a file for the child");
        at += k;
    }
}

/* Put newfd in the place of fd with fd's offset, status flags and
 * close-on-exec. */
static void replace_fd(int fd, int newfd, int flags)
{
    off_t at = lseek(fd, 0, SEEK_CUR);
    int fdflags = fcntl(fd, F_GETFD);
    if (at >= 0)
        lseek(newfd, at, SEEK_SET);
    fcntl(newfd, F_SETFL, flags & (O_APPEND | O_NONBLOCK));
    if (dup2(newfd, fd) < 0)
        die("dup2");
    close(newfd);
    if (fdflags >= 0)
        fcntl(fd, F_SETFD, fdflags);
}

/* Copy the regular file name of folder dirfd into the working folder. */
static void copy_in(int dirfd, const char *name, mode_t mode)
{
    int from = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
    int to = open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777);
    if (from < 0 || to < 0)
        die(name);
    copy_fd(from, to);
    close(from);
    close(to);
}

/* The child's own folder, as the working folder is now — its files copied,
 * the old outputs put there — and its own open files: those read reopened
 * (their offsets its own), those written copied: to the copy in its folder
 * when they are in the working folder, else to an unlinked copy. */
static void isolate(void)
{
    if (mkdir(cfg.child_dir, 0755) != 0 || chdir(cfg.child_dir) != 0)
        die(cfg.child_dir);
    DIR *d = opendir(cfg.cwd);
    if (!d)
        die(cfg.cwd);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (!is_output(e->d_name) && fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
            && S_ISREG(st.st_mode))
            copy_in(dirfd(d), e->d_name, st.st_mode);
    }
    closedir(d);
    for (int i = 0; i < cfg.noutputs; i++) {
        int fd = open(cfg.outputs[i], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0 || (cfg.old_len[i] && write(fd, cfg.old[i], cfg.old_len[i]) !=
                                             (ssize_t)cfg.old_len[i]) || close(fd) != 0)
            die(cfg.outputs[i]);
    }
    if (!(d = opendir("/proc/self/fd")))
        die("/proc/self/fd");
    int fds[256], n = 0;
    while ((e = readdir(d)) != NULL && n < 256) {
        int fd = atoi(e->d_name);
        if (e->d_name[0] != '.' && fd > 2 && fd != dirfd(d) && fd != cfg.report_fd &&
            fd != cfg.err_fd && fd != cfg.info_fd)
            fds[n++] = fd;
    }
    closedir(d);
    size_t cwd_len = strlen(cfg.cwd);
    for (int i = 0; i < n; i++) {
        struct stat st;
        int flags = fcntl(fds[i], F_GETFL);
        if (flags < 0 || fstat(fds[i], &st) != 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
            continue;
        char link[64], target[PATH_MAX];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fds[i]);
        if ((flags & O_ACCMODE) == O_RDONLY) {   /* a file read, or a folder listed */
            int nfd = open(link, O_RDONLY | O_CLOEXEC | (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0));
            if (nfd < 0)
                die(link);
            replace_fd(fds[i], nfd, flags);
            continue;
        }
        ssize_t k = readlink(link, target, sizeof target - 1);
        target[k > 0 ? k : 0] = 0;
        const char *name = NULL;
        if (k > 0 && strncmp(target, cfg.cwd, cwd_len) == 0 && target[cwd_len] == '/' &&
            !strchr(target + cwd_len + 1, '/') && !strstr(target, " (deleted)"))
            name = target + cwd_len + 1;
        int nfd;
        if (name) {   /* copied above */
            nfd = open(name, O_RDWR | O_CLOEXEC);
        } else if ((nfd = open(".", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600)) >= 0) {
            copy_fd(fds[i], nfd);
        }
        if (nfd < 0)
            die(name ? name : "an unlinked copy");
        replace_fd(fds[i], nfd, flags);
    }
}

/* The fds above 2 open on the file (dev, ino), at most max of them into
 * fds: the program's own copies of the stderr it was started with
 * (bulletin keeps one while fontconfig's stderr goes to a file of its own,
 * text/fonts.c), or of the file its stderr is sent to meanwhile. */
static int fds_on(dev_t dev, ino_t ino, int *fds, int max)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        int fd = atoi(e->d_name);
        struct stat st;
        if (e->d_name[0] != '.' && fd > 2 && fd != dirfd(d) && fd != cfg.report_fd &&
            fd != cfg.err_fd && fd != cfg.info_fd && fstat(fd, &st) == 0 &&
            st.st_dev == dev && st.st_ino == ino)
            fds[n++] = fd;
    }
    closedir(d);
    return n;
}

/* The child's stderr to the capture file: fd 2 and the program's copies of
 * it. Where the program has sent its stderr elsewhere for a while (a file
 * of its own, to read back), fd 2 stays on that file as isolate made it the
 * child's own, and only the copies of the real one go to the capture. Run
 * around isolate: before is 1 before it, 0 after. */
static void capture_stderr(int before)
{
    static int copies[16], ncopies, twin;
    static int moved;
    if (before) {
        struct stat st;
        ncopies = 0;
        twin = -1;
        moved = cfg.stderr_known && fstat(2, &st) == 0 &&
                !(st.st_dev == cfg.stderr_dev && st.st_ino == cfg.stderr_ino);
        if (cfg.stderr_known)
            ncopies = fds_on(cfg.stderr_dev, cfg.stderr_ino, copies, 16);
        if (moved && fds_on(st.st_dev, st.st_ino, &twin, 1) != 1)
            twin = -1;
        if (!moved)
            dup2(cfg.err_fd, 2);
        return;
    }
    for (int i = 0; i < ncopies; i++)   /* after isolate, which may have copied them */
        dup2(cfg.err_fd, copies[i]);
    if (moved && twin >= 0) {
        dup2(twin, 2);   /* the child's copy isolate made of it */
    } else if (moved) {
        int flags = fcntl(2, F_GETFL), nfd = open(".", O_RDWR | O_TMPFILE | O_CLOEXEC, 0600);
        if (nfd < 0)
            die("an unlinked copy of stderr");
        copy_fd(2, nfd);
        replace_fd(2, nfd, flags);
    }
}

/* In the child, just forked: a folder and files of its own, its stderr to
 * the capture file, crashes recorded, a time limit, and the failed
 * allocation's callers written down. */
static void enter_child(void)
{
    in_child = 1;
    void *frames[SITE_FRAMES + 8];
    int n = backtrace(frames, SITE_FRAMES + 8);
    capture_stderr(1);
    isolate();
    capture_stderr(0);
    stack_t ss = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGTRAP, SIGSYS,
                               SIGALRM};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
        sigaction(sigs[i], &sa, NULL);
    alarm((unsigned)cfg.timeout);
    int from = 0;   /* past this shim (and a sanitizer's interceptors around it) */
    for (int i = 0; i < n && i < 6; i++)
        if (is_shim(frames[i]))
            from = i + 1;
    char b[2048];
    size_t len = (size_t)snprintf(b, sizeof b, "site");
    put_frames(b, &len, sizeof b - 1, frames + from, n - from < SITE_FRAMES ? n - from
                                                                            : SITE_FRAMES);
    b[len++] = '\n';
    if (write(cfg.info_fd, b, len) < 0)
        die("info");
}

/* ---- the parent: how a child ended -------------------------------------- */

/* What fd holds (at most size - 1 bytes, NUL-terminated); its length. */
static size_t read_all(int fd, char *out, size_t size)
{
    ssize_t n = pread(fd, out, size - 1, 0);
    out[n > 0 ? n : 0] = 0;
    return n > 0 ? (size_t)n : 0;
}

/* The line of text that starts with key (without key), into out. */
static void line_of(const char *text, const char *key, char *out, size_t size)
{
    const char *p = strstr(text, key);
    out[0] = 0;
    if (!p)
        return;
    p += strlen(key);
    const char *end = strchr(p, '\n');
    snprintf(out, size, "%.*s", (int)(end ? end - p : (long)strlen(p)), p);
}

static int same_bytes(const char *path, const unsigned char *want, size_t want_len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    int same = fd >= 0 && fstat(fd, &st) == 0 && (size_t)st.st_size == want_len;
    if (same && want_len) {
        void *p = mmap(NULL, want_len, PROT_READ, MAP_PRIVATE, fd, 0);
        same = p != MAP_FAILED && memcmp(p, want, want_len) == 0;
        if (p != MAP_FAILED)
            munmap(p, want_len);
    }
    if (fd >= 0)
        close(fd);
    return same;
}

/* Remove dir's files (all, or all but the outputs); how many there were
 * other than the outputs, the first name in first. */
static int clear_dir(const char *dir, int outputs_expected, char *first, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (!(outputs_expected && is_output(e->d_name)) && !n++)
            snprintf(first, size, "%s", e->d_name);
        unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
    return n;
}

static void classify(long n, int status, long micros)
{
    static char err[8192], info[8192];
    size_t err_len = read_all(cfg.err_fd, err, sizeof err);
    read_all(cfg.info_fd, info, sizeof info);
    int lines = 0;
    for (size_t i = 0; i < err_len; i++)
        lines += err[i] == '\n';
    char first[400];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(err, "\n"), err);
    for (char *p = first; *p; p++)
        if (*p == '\t')
            *p = ' ';

    int exited = WIFEXITED(status), code = exited ? WEXITSTATUS(status) : -1;
    /* the outputs: after exit 0 the reference's bytes, else the old ones */
    int all_same = 1, changed = 0;
    char path[PATH_MAX + NAME_MAX + 2];
    for (int i = 0; i < cfg.noutputs; i++) {
        snprintf(path, sizeof path, "%s/%s", cfg.child_dir, cfg.outputs[i]);
        if (exited && code == 0)
            all_same &= same_bytes(path, cfg.ref[i], cfg.ref_len[i]);
        else
            changed |= !same_bytes(path, cfg.old[i], cfg.old_len[i]);
    }
    char leftover[NAME_MAX + 1] = "";
    int left = clear_dir(cfg.child_dir, 1, leftover, sizeof leftover);
    if (rmdir(cfg.child_dir) != 0)
        die(cfg.child_dir);
    if (cfg.tmpdir[0])
        left += clear_dir(cfg.tmpdir, 0, leftover, sizeof leftover);
    char scrubbed[NAME_MAX + 1];
    for (int i = 0; i < cfg.nscrub; i++)
        clear_dir(cfg.scrub[i], 0, scrubbed, sizeof scrubbed);

    static const char oom_line[] = "bulletin: error: out of memory\n";
    const char *outcome;
    char detail[2048] = "", outbuf[32];
    if (!exited) {
        outcome = WTERMSIG(status) == SIGALRM ? "hang" : "crash";
        line_of(info, "crash ", detail, sizeof detail);   /* also a hang's */
        if (!detail[0])
            snprintf(detail, sizeof detail, "%d ? (no report)", WTERMSIG(status));
    } else if (code == 0) {
        outcome = all_same && err_len == 0 ? "same" : "different";
    } else if (err_len == 0) {
        outcome = "silent";
    } else if (code == 3 && strcmp(err, oom_line) == 0) {
        outcome = "oom";
    } else {
        snprintf(outbuf, sizeof outbuf, "exit%d", code);
        outcome = code == 3 ? "message" : code == 1 ? "exit1" : outbuf;
    }
    if (exited && err_len && strcmp(err, oom_line) != 0)
        snprintf(detail, sizeof detail, "%d line%s: %s", lines, lines == 1 ? "" : "s", first);
    if (strcmp(outcome, "same") != 0 && strcmp(outcome, "oom") != 0 && cfg.keep > 0 && err_len) {
        cfg.keep--;   /* the messages, for a look at what went wrong */
        char kept[PATH_MAX + 32];
        snprintf(kept, sizeof kept, "%s/%ld.err", cfg.scratch, n);
        int fd = open(kept, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            ssize_t w = write(fd, err, err_len);   /* only a help: not checked further */
            (void)w;
            close(fd);
        }
    }
    char site[2048];
    line_of(info, "site", site, sizeof site);
    char flags[NAME_MAX + 32];
    snprintf(flags, sizeof flags, "%s%s%s%s", left ? "leftover=" : "", left ? leftover : "",
             left && changed ? "," : "", changed ? "changed" : "");
    char line[6144];
    int k = snprintf(line, sizeof line, "%ld\t%s\t%s\t%s\t%ld\t%s\t%s\n", n,
                     n_at_startup >= 0 ? "run" : "start", outcome, flags[0] ? flags : "-",
                     micros, detail[0] ? detail : "-", site);
    if (k >= (int)sizeof line) {
        k = sizeof line;
        line[k - 1] = '\n';
    }
    if (write(cfg.report_fd, line, (size_t)k) != k)
        die("report");
}

/* ---- counting ---------------------------------------------------------- */

/* Is the allocation being made inside a module to pass over? */
static int inside_skipped(void)
{
    void *frames[32];
    int n = backtrace(frames, 32);
    for (int i = 0; i < n; i++) {
        uintptr_t off, soff;
        const char *sym;
        const char *mod = module_of(frames[i], &off, &sym, &soff);
        for (int k = 0; k < cfg.nskip; k++)
            if (strncmp(mod, cfg.skip[k], strlen(cfg.skip[k])) == 0)
                return 1;
    }
    return 0;
}

/* Is this allocation to fail? In the parent, for a chosen N: fork, wait and
 * classify (no); in the child just forked: yes, the one time. */
static int hit(void)
{
    if (in_child || in_shim)
        return 0;
    if (!cfg.ready) {
        in_shim = 1;
        configure();
        in_shim = 0;
    }
    if (!cfg.enabled)
        return 0;
    if (syscall(SYS_gettid) != main_pid) {
        __atomic_add_fetch(&n_other_threads, 1, __ATOMIC_RELAXED);
        return 0;
    }
    long n = ++n_alloc;
    if (n % cfg.stride != cfg.phase || (cfg.after_only && n_at_startup < 0))
        return 0;
    if (cfg.nskip) {
        in_shim = 1;
        int skip = inside_skipped();
        in_shim = 0;
        if (skip && (cfg.skip_stride == 0 || n_skip_seen++ % cfg.skip_stride != 0)) {
            n_skipped++;
            return 0;
        }
    }
    if (n_candidates++ % cfg.slices != cfg.slice)
        return 0;
    if (ftruncate(cfg.err_fd, 0) != 0 || ftruncate(cfg.info_fd, 0) != 0)
        die("ftruncate");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        enter_child();
        errno = ENOMEM;
        return 1;
    }
    n_children++;
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            die("waitpid");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    in_shim = 1;
    classify(n, status, (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000);
    in_shim = 0;
    return 0;
}

/* The start-up marker: bulletin calls it (a weak reference there) once
 * start-up is over. */
void bl_startup_done(void)
{
    if (!in_child && n_at_startup < 0)
        n_at_startup = n_alloc;
}

__attribute__((destructor)) static void finish(void)
{
    if (in_child || !cfg.enabled || getpid() != main_pid)
        return;
    char b[256];
    int k = snprintf(b, sizeof b, "# allocations %ld startup %ld children %ld other-threads %ld "
                     "skipped %ld\n", n_alloc, n_at_startup, n_children, n_other_threads,
                     n_skipped);
    if (write(cfg.report_fd, b, (size_t)k) != k)
        return;
}

/* ---- the allocator's entry points -------------------------------------- */

void *malloc(size_t size)
{
    resolve();
    if (!resolving && hit())
        return NULL;
    return next_malloc ? next_malloc(size) : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    resolve();
    if (!resolving && hit())
        return NULL;
    return next_calloc ? next_calloc(n, size) : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    resolve();
    if (!resolving && !(p && size == 0) && hit())   /* realloc(p, 0) frees */
        return NULL;
    return next_realloc ? next_realloc(p, size) : __libc_realloc(p, size);
}

void *reallocarray(void *p, size_t n, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(n, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, total);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    resolve();
    if (!resolving && hit())
        return ENOMEM;
    if (next_posix_memalign)
        return next_posix_memalign(out, align, size);
    *out = __libc_memalign(align, size);
    return *out ? 0 : ENOMEM;
}

void *aligned_alloc(size_t align, size_t size)
{
    resolve();
    if (!resolving && hit())
        return NULL;
    return next_aligned_alloc ? next_aligned_alloc(align, size) : __libc_memalign(align, size);
}

void *memalign(size_t align, size_t size)
{
    resolve();
    if (!resolving && hit())
        return NULL;
    return next_memalign ? next_memalign(align, size) : __libc_memalign(align, size);
}
