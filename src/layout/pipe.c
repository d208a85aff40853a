/* pipe.c — a page sink on a thread of its own: pages (and running heads set
 * after them) are copied into a bounded queue and handed, in the order they
 * came, to another sink on a worker thread, so that layout goes on while the
 * pages before are written. Layout frees the text a page shows only once the
 * worker is done with it (page_sink.done); nothing else is shared. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"

enum { PIPE_DEPTH = 16 };   /* pages in flight at most */

typedef struct pipe_entry {
    int furniture_only;        /* running heads for a page sent before */
    enum page_part part;
    int index;
    page pg;                   /* items and furniture: heap copies */
} pipe_entry;

struct page_pipe {
    const page_sink *to;
    diag *d;                   /* the feeding thread's: its copies failing */
    pthread_t worker;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    pipe_entry q[PIPE_DEPTH];
    size_t head, count;        /* entries q[head ..] */
    size_t done;               /* pages the worker has finished (furniture-only entries not counted) */
    int closing;               /* no more entries */
    int failed;                /* the downstream sink failed: everything after is dropped */
    int busy;                  /* the worker holds an entry */
};

static void entry_free(pipe_entry *e)
{
    free(e->pg.items);
    free(e->pg.furniture);
    e->pg.items = e->pg.furniture = NULL;
}

static void *work(void *arg)
{
    page_pipe *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->count && !p->closing)
            pthread_cond_wait(&p->changed, &p->lock);
        if (!p->count)
            break;
        pipe_entry e = p->q[p->head];
        p->head = (p->head + 1) % PIPE_DEPTH;
        p->count--;
        p->busy = 1;
        int skip = p->failed;
        pthread_mutex_unlock(&p->lock);
        int rc = 0;
        if (!skip)
            rc = e.furniture_only
                 ? p->to->furniture(p->to->user, e.part, e.index, e.pg.furniture, e.pg.nfurniture)
                 : p->to->page(p->to->user, &e.pg, e.part, e.index);
        entry_free(&e);
        pthread_mutex_lock(&p->lock);
        p->busy = 0;
        p->failed |= rc != 0;
        p->done += !e.furniture_only;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static int push(page_pipe *p, pipe_entry *e)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == PIPE_DEPTH && !p->failed)
        pthread_cond_wait(&p->changed, &p->lock);
    int failed = p->failed;
    if (!failed) {
        p->q[(p->head + p->count) % PIPE_DEPTH] = *e;
        p->count++;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    if (failed)
        entry_free(e);
    return failed ? -1 : 0;
}

static int copy_items(item **to, const item *from, size_t n)
{
    *to = NULL;
    if (!n)
        return 0;
    if (!(*to = malloc(n * sizeof *from)))
        return -1;
    memcpy(*to, from, n * sizeof *from);
    return 0;
}

static int pipe_page(void *user, const page *pg, enum page_part part, int index)
{
    pipe_entry e = {.part = part, .index = index, .pg = *pg};
    if (copy_items(&e.pg.items, pg->items, pg->nitems) < 0
        || copy_items(&e.pg.furniture, pg->furniture, pg->nfurniture) < 0) {
        entry_free(&e);
        return diag_oom(((page_pipe *)user)->d);
    }
    return push(user, &e);
}

static int pipe_furniture(void *user, enum page_part part, int index, const item *items,
                          size_t n)
{
    pipe_entry e = {.furniture_only = 1, .part = part, .index = index, .pg.nfurniture = n};
    if (copy_items(&e.pg.furniture, items, n) < 0)
        return diag_oom(((page_pipe *)user)->d);
    return push(user, &e);
}

static size_t pipe_done(void *user)
{
    page_pipe *p = user;
    pthread_mutex_lock(&p->lock);
    size_t done = p->done;
    pthread_mutex_unlock(&p->lock);
    return done;
}

static int pipe_flush(void *user)
{
    page_pipe *p = user;
    pthread_mutex_lock(&p->lock);
    while (p->count || p->busy)
        pthread_cond_wait(&p->changed, &p->lock);
    int failed = p->failed;
    pthread_mutex_unlock(&p->lock);
    return failed ? -1 : 0;
}

page_pipe *page_pipe_new(const page_sink *to, diag *d)
{
    page_pipe *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->to = to;
    p->d = d;
    if (pthread_mutex_init(&p->lock, NULL)) {
        free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->changed, NULL)) {
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    if (pthread_create(&p->worker, NULL, work, p)) {
        pthread_cond_destroy(&p->changed);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

page_sink page_pipe_sink(page_pipe *p)
{
    return (page_sink){.user = p, .page = pipe_page, .furniture = pipe_furniture,
                       .done = pipe_done, .flush = pipe_flush};
}

int page_pipe_free(page_pipe *p)
{
    if (!p)
        return 0;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->worker, NULL);
    int failed = p->failed;
    for (; p->count; p->count--, p->head = (p->head + 1) % PIPE_DEPTH)
        entry_free(&p->q[p->head]);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
    return failed ? -1 : 0;
}
