/* input-private.h — helpers shared by the files of input/ only: a small YAML
 * tree (built from libyaml events, aliases and anchors refused, depth bounded)
 * and the PNG/JPEG header reader. Not part of the module's contract. */
#ifndef BULLETIN_INPUT_PRIVATE_H
#define BULLETIN_INPUT_PRIVATE_H

#include "input.h"

enum ynode_kind { Y_SCALAR, Y_SEQ, Y_MAP };

/* One YAML node. A mapping's children alternate key, value, key, value... */
typedef struct ynode ynode;
struct ynode {
    enum ynode_kind kind;
    srcpos pos;          /* where the node starts in the file (1-based) */
    const char *text;    /* Y_SCALAR: the value (UTF-8, NUL-terminated) */
    int plain;           /* Y_SCALAR: written without quotes */
    ynode *first, *last, *next;
    int count;           /* number of children */
};

/* Parse YAML text (len bytes) that starts at line first_line of file.
 * Nodes and strings live in a. *root is NULL for an empty stream.
 * 0 ok, -1 error (reported through d at the real file position). */
int yaml_load_tree(arena *a, const char *text, size_t len, const char *file,
                   int first_line, diag *d, ynode **root);

/* Is the scalar a YAML null (empty plain, "~", "null")? */
int yaml_is_null(const ynode *n);

/* The name of a node's kind for messages: "a string", "a list", "a mapping". */
const char *yaml_kind_name(const ynode *n);

/* Wrap runs of another script's language in the text of release sect (Latin
 * in Korean, Hangul in English) in N_SPANs with that /Lang. 0 ok, -1 OOM. */
int input_mark_languages(document *doc, node *sect);

/* The value of hex digit c (0..15), or -1. */
static inline int input_hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

enum image_format { IMAGE_UNKNOWN, IMAGE_PNG, IMAGE_JPEG };

/* Decode the whole PNG at path (without keeping it): 0 when libpng reads it
 * cleanly, else -1 with the reason in why[size]. */
int image_check_png(const char *path, char *why, size_t size);

/* Read the pixel size of a PNG or JPEG file from its header.
 * 0 ok; -1 with *why set to a static message (errno-based text for I/O). */
int image_read_size(const char *path, enum image_format *fmt, int *w, int *h,
                    const char **why);

#endif
