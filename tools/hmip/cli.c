// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the command line, read the way ip(8) reads it: any unambiguous
 * prefix of a word is the word ("hmip st sh" is "hmip stats show"), an
 * exact match wins over longer words it is a prefix of, and every error is
 * one line that names the command and the word at fault.
 */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static char cli_prefix[128];
static char cli_help[64] = "hmip help";
/* "FILE:LINE: " while a line of -batch runs, else "" */
static char cli_line[96];
static int (*cli_enter_fn)(void);

/**
 * cli_set_context() - name the command being run, for error messages
 * @object: the object ("config"), or NULL before one is known
 * @command: the command ("set"), or NULL
 */
void cli_set_context(const char *object, const char *command)
{
	if (!object) {
		snprintf(cli_prefix, sizeof(cli_prefix), "%s", cli_line);
		snprintf(cli_help, sizeof(cli_help), "hmip help");
		return;
	}
	snprintf(cli_help, sizeof(cli_help), "hmip %s help", object);
	if (command)
		snprintf(cli_prefix, sizeof(cli_prefix), "%s%s %s: ", cli_line,
			 object, command);
	else
		snprintf(cli_prefix, sizeof(cli_prefix), "%s%s: ", cli_line,
			 object);
}

/**
 * cli_set_line() - name the line of a batch file being run, for errors
 * @file: the file's name ("-" for stdin), or NULL once the batch is over
 * @line: the line's number, from 1
 *
 * Also forgets the object and command of the previous line.
 */
void cli_set_line(const char *file, unsigned int line)
{
	if (file)
		snprintf(cli_line, sizeof(cli_line), "%s:%u: ", file, line);
	else
		cli_line[0] = '\0';
	cli_set_context(NULL, NULL);
}

/**
 * cli_set_enter() - what to do once the command line is read
 * @fn: enters the network namespace of -n and looks up the interfaces
 *	named; returns 0 or the exit status after printing why
 */
void cli_set_enter(int (*fn)(void))
{
	cli_enter_fn = fn;
}

/**
 * cli_enter() - the command line is read whole: act on it
 *
 * Called by nl_open(), so that no word is looked up, and no namespace
 * entered, before every word has been checked.
 *
 * Return: 0, or the exit status after printing why.
 */
int cli_enter(void)
{
	return cli_enter_fn ? cli_enter_fn() : 0;
}

/* "config set: ", or "" before an object is known */
const char *cli_context(void)
{
	return cli_prefix;
}

/* "hmip config help", or "hmip help" before an object is known */
const char *cli_help_command(void)
{
	return cli_help;
}

static const char *cli_name(const char *const *names, size_t stride, size_t i)
{
	return *(const char *const *)((const char *)names + i * stride);
}

int __cli_lookup(const char *what, const char *word, const char *const *names,
		 size_t stride, size_t count)
{
	size_t len = strlen(word), i, matches = 0;
	char list[256] = "";
	int found = -1;

	for (i = 0; i < count; i++) {
		const char *name = cli_name(names, stride, i);

		if (!strcmp(word, name))
			return i;
		if (len && !strncmp(word, name, len)) {
			found = i;
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (!matches) {
		(void)cli_usage_err("unknown %s \"%s\"", what, word);
		return -1;
	}
	for (i = 0; i < count; i++) {
		const char *name = cli_name(names, stride, i);

		if (strncmp(word, name, len))
			continue;
		if (list[0])
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, name, sizeof(list) - strlen(list) - 1);
	}
	(void)cli_usage_err("ambiguous %s \"%s\" (could be: %s)", what, word, list);
	return -1;
}

/* Other names of commands, as ip(8) takes them ("ip addr ls") */
static const struct {
	const char *alias;
	const char *name;
} cli_aliases[] = {
	{ "delete", "del" },
	{ "list", "show" },
	{ "ls", "show" },
};

/* The index in @cmds of the command @name, or -1. */
static int cli_find(const char *name, const struct cli_cmd *cmds, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(cmds[i].name, name))
			return i;
	return -1;
}

/*
 * The command @word names, exactly or by a prefix, among @cmds and the
 * aliases of those of them that have one: words that name the same
 * command ("d" for "del" and "delete") are not ambiguous.
 */
static int cli_lookup_command(const char *word, const struct cli_cmd *cmds,
			      size_t count)
{
	size_t len = strlen(word), i, n = 0;
	int found[ARRAY_SIZE(cli_aliases) + 16], j, k;
	const char *names[ARRAY_SIZE(cli_aliases) + 16];
	char list[256] = "";

	for (i = 0; i < count + ARRAY_SIZE(cli_aliases); i++) {
		const char *name;

		if (i < count) {
			name = cmds[i].name;
			k = i;
		} else {
			name = cli_aliases[i - count].alias;
			k = cli_find(cli_aliases[i - count].name, cmds, count);
			if (k < 0)
				continue;
		}
		if (!strcmp(word, name))
			return k;
		if (!len || strncmp(word, name, len))
			continue;
		for (j = 0; j < (int)n && found[j] != k; j++)
			;
		if (j < (int)n || n >= ARRAY_SIZE(found))
			continue;
		names[n] = cmds[k].name;
		found[n++] = k;
	}
	if (n == 1)
		return found[0];
	if (!n) {
		(void)cli_usage_err("unknown command \"%s\"", word);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (i)
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	(void)cli_usage_err("ambiguous command \"%s\" (could be: %s)", word,
			    list);
	return -1;
}

/**
 * cli_dispatch() - run the command of an object that the first word names
 * @object: the object's name, for error messages and the usage hint
 * @cmds: its commands; the first one runs when no word is given
 * @count: the number of entries in @cmds
 * @argc: the number of words after the object's name
 * @argv: those words
 *
 * Return: the exit status of the command, or HMIP_EXIT_USAGE.
 */
int cli_dispatch(const char *object, const struct cli_cmd *cmds, size_t count,
		 int argc, const char *argv[])
{
	int i = 0;

	cli_set_context(object, NULL);
	if (argc > 0) {
		i = cli_lookup_command(argv[0], cmds, count);
		if (i < 0)
			return HMIP_EXIT_USAGE;
		argc--;
		argv++;
	}
	cli_set_context(object, cmds[i].name);
	return cmds[i].fn(argc, argv);
}

/**
 * cli_parse_u32() - read a decimal number, all of @word and nothing else
 * @keyword: what the number is for, for the error message
 * @word: the number as given
 * @min: smallest value accepted
 * @max: largest value accepted
 * @val: where to store it
 *
 * No sign, no blanks, no base prefix: "010" is ten, "0x10" is an error.
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int cli_parse_u32(const char *keyword, const char *word, uint32_t min,
		  uint32_t max, uint32_t *val)
{
	unsigned long long v;
	char *end;

	if (!isdigit((unsigned char)word[0]))
		goto invalid;
	errno = 0;
	v = strtoull(word, &end, 10);
	if (errno || *end || v < min || v > max)
		goto invalid;
	*val = v;
	return 0;

invalid:
	return cli_usage_err("invalid %s \"%s\" (expected %u to %u)", keyword,
			     word, min, max);
}

/**
 * cli_parse_rfc() - read the value of an "rfc" setting: 4140 or 5380
 * @keyword: what the value is for, for the error message
 * @word: the value as given
 * @val: where the number goes
 *
 * Return: 0, or HMIP_EXIT_USAGE after printing why not.
 */
int cli_parse_rfc(const char *keyword, const char *word, uint32_t *val)
{
	if (!strcmp(word, "4140") || !strcmp(word, "5380")) {
		*val = (uint32_t)atoi(word);
		return 0;
	}
	return cli_usage_err("invalid %s \"%s\" (expected 4140 or 5380)",
			     keyword, word);
}

/**
 * cli_parse_word() - read one of a list of words, in full
 * @keyword: what the value is for, for the error message
 * @word: the value as given
 * @words: the words, NULL for a value that has none
 * @count: the number of entries in @words
 * @val: where to store the index of @word in @words
 *
 * Values are not abbreviated: a prefix is an error, which lists the words
 * ("expected furthest, nearest or fixed").
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int cli_parse_word(const char *keyword, const char *word,
		   const char *const *words, size_t count, uint32_t *val)
{
	char list[256] = "";
	size_t i, n = 0, last = 0;

	for (i = 0; i < count; i++) {
		if (!words[i])
			continue;
		if (!strcmp(word, words[i])) {
			*val = i;
			return 0;
		}
		last = i;
	}
	for (i = 0; i < count; i++) {
		if (!words[i])
			continue;
		if (n++)
			strncat(list, i == last ? " or " : ", ",
				sizeof(list) - strlen(list) - 1);
		strncat(list, words[i], sizeof(list) - strlen(list) - 1);
	}
	return cli_usage_err("invalid %s \"%s\" (expected %s)", keyword, word,
			     list);
}

/**
 * cli_parse_on_off() - read "on" or "off", in full
 * @keyword: what the value is for, for the error message
 * @word: the value as given
 * @val: where to store 1 for "on", 0 for "off"
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int cli_parse_on_off(const char *keyword, const char *word, uint32_t *val)
{
	if (strcmp(word, "on") && strcmp(word, "off"))
		return cli_usage_err("invalid %s \"%s\" (expected on or off)",
				     keyword, word);
	*val = !strcmp(word, "on");
	return 0;
}

/* For commands that take no arguments: 0, or a usage error. */
int cli_no_more_args(int argc, const char *argv[])
{
	if (argc > 0)
		return cli_usage_err("unexpected argument \"%s\"", argv[0]);
	return 0;
}
