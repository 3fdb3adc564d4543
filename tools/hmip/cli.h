/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: the command line: words matched by unambiguous prefix, strict
 * numbers, and error messages that name the command they come from.
 */
#ifndef _HMIP_CLI_H
#define _HMIP_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "hmip.h"

/**
 * struct cli_cmd - a word of a dispatch table
 * @name: the word, matched exactly or by an unambiguous prefix
 * @fn: runs the command on the words that follow @name
 * @desc: one line for a usage text that lists the words, NULL to leave
 *	the word out of it
 */
struct cli_cmd {
	const char *name;
	int (*fn)(int argc, const char *argv[]);
	const char *desc;
};

void cli_set_context(const char *object, const char *command);
void cli_set_line(const char *file, unsigned int line);
void cli_set_enter(int (*fn)(void));
int cli_enter(void);
const char *cli_context(void);
const char *cli_help_command(void);

/*
 * cli_err() - print "hmip: OBJECT COMMAND: message" on one line of stderr.
 * cli_usage_err() - the same, ending with a hint to read the object's
 *	help ("; try "hmip config help""); evaluates to HMIP_EXIT_USAGE.
 */
#define cli_err(fmt, ...) \
	fprintf(stderr, "hmip: %s" fmt "\n", cli_context(), ##__VA_ARGS__)
#define cli_usage_err(fmt, ...) \
	(fprintf(stderr, "hmip: %s" fmt "; try \"%s\"\n", cli_context(), \
		 ##__VA_ARGS__, cli_help_command()), HMIP_EXIT_USAGE)

int __cli_lookup(const char *what, const char *word, const char *const *names,
		 size_t stride, size_t count);

/*
 * cli_lookup() - index of the entry of @table (an array of structures whose
 * first member is "const char *name") that @word names, exactly or by an
 * unambiguous prefix; -1 after a usage error naming @what ("object",
 * "command", "argument") and, if @word is ambiguous, the candidates.
 */
#define cli_lookup(what, word, table) \
	__cli_lookup(what, word, &(table)[0].name, sizeof((table)[0]), \
		     sizeof(table) / sizeof((table)[0]))

int cli_dispatch(const char *object, const struct cli_cmd *cmds, size_t count,
		 int argc, const char *argv[]);
int cli_parse_u32(const char *keyword, const char *word, uint32_t min,
		  uint32_t max, uint32_t *val);
int cli_parse_word(const char *keyword, const char *word,
		   const char *const *words, size_t count, uint32_t *val);
int cli_parse_on_off(const char *keyword, const char *word, uint32_t *val);
int cli_parse_rfc(const char *keyword, const char *word, uint32_t *val);
int cli_no_more_args(int argc, const char *argv[]);

#endif /* _HMIP_CLI_H */
