// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the stats object, the module's counters in this network namespace.
 *
 *	hmip [ -s [ -r ] ] stats [ show [ NAME... ] ]
 *
 * The kernel names its counters: this file knows none of them, and prints
 * every one it is sent, in the order it is sent.
 *
 * With -s, as nstat(8) does, what each counter gained since the last -s in
 * the same network namespace: the values are kept in a history file,
 * $HMIP_STATS_HISTORY, else hmip_stats.INODE in $XDG_RUNTIME_DIR or
 * /run/user/UID, else ~/.hmip_stats.INODE (INODE: the network namespace's,
 * as "ls -iL /proc/self/ns/net" shows it). A counter below its history (a
 * namespace made again, the module reloaded) counts from zero. -r forgets
 * the history first: the values since zero.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/hmip.h>

#include "cli.h"
#include "json.h"
#include "nl.h"

/**
 * struct stats_entry - a counter
 * @name: its name, as the kernel sent it
 * @value: its value
 */
struct stats_entry {
	char *name;
	uint64_t value;
};

/**
 * struct stats_list - the counters of an answer, in the kernel's order
 * @entries: the counters
 * @count: how many there are
 * @size: room in @entries
 */
struct stats_list {
	struct stats_entry *entries;
	size_t count;
	size_t size;
};

static int stats_add(struct stats_list *list, const char *name,
		     uint64_t value)
{
	struct stats_entry *entries;
	size_t size;

	if (list->count == list->size) {
		size = list->size ? 2 * list->size : 64;
		entries = realloc(list->entries, size * sizeof(*entries));
		if (!entries)
			goto oom;
		list->entries = entries;
		list->size = size;
	}
	list->entries[list->count].name = strdup(name);
	if (!list->entries[list->count].name)
		goto oom;
	list->entries[list->count++].value = value;
	return 0;

oom:
	cli_err("out of memory");
	return -1;
}

static void stats_free(struct stats_list *list)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		free(list->entries[i].name);
	free(list->entries);
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MAX + 1] = {
		[HMIP_A_STATS] = MNL_TYPE_NESTED,
	};
	static const enum mnl_attr_data_type stat_policy[HMIP_A_STAT_MAX + 1] = {
		[HMIP_A_STAT_NAME] = MNL_TYPE_NUL_STRING,
	};
	const struct nlattr *tb[HMIP_A_MAX + 1] = {};
	const struct nlattr *entry;
	struct stats_list *list = data;
	uint64_t value;

	if (nl_parse(nlh, tb, HMIP_A_MAX, policy))
		return MNL_CB_ERROR;
	if (!tb[HMIP_A_STATS])
		return MNL_CB_OK;

	mnl_attr_for_each_nested(entry, tb[HMIP_A_STATS]) {
		const struct nlattr *stb[HMIP_A_STAT_MAX + 1] = {};

		if (mnl_attr_get_type(entry) != HMIP_A_STATS_ENTRY)
			continue;
		if (nl_parse_nested(entry, stb, HMIP_A_STAT_MAX, stat_policy))
			return MNL_CB_ERROR;
		if (!stb[HMIP_A_STAT_NAME] || !stb[HMIP_A_STAT_VALUE] ||
		    nl_attr_get_uint(stb[HMIP_A_STAT_VALUE], &value)) {
			cli_err("malformed answer from the kernel (a counter without a name or a value)");
			return MNL_CB_ERROR;
		}
		if (stats_add(list, mnl_attr_get_str(stb[HMIP_A_STAT_NAME]),
			      value))
			return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static const struct stats_entry *stats_find(const struct stats_list *list,
					    const char *name)
{
	size_t i;

	for (i = 0; i < list->count; i++)
		if (!strcmp(list->entries[i].name, name))
			return &list->entries[i];
	return NULL;
}

/*
 * The counters to print: all of them, or those named on the command line
 * in that order, each once. Return 0, or HMIP_EXIT_FAILURE after naming a
 * counter the kernel does not have.
 */
static int stats_select(const struct stats_list *list, int argc,
			const char *const argv[],
			const struct stats_entry **sel, size_t *count)
{
	const struct stats_entry *e;
	size_t i, j;

	*count = 0;
	if (!argc) {
		for (i = 0; i < list->count; i++)
			sel[(*count)++] = &list->entries[i];
		return 0;
	}
	for (i = 0; i < (size_t)argc; i++) {
		e = stats_find(list, argv[i]);
		if (!e) {
			cli_err("unknown counter \"%s\"", argv[i]);
			return HMIP_EXIT_FAILURE;
		}
		for (j = 0; j < *count && sel[j] != e; j++)
			;
		if (j == *count)
			sel[(*count)++] = e;
	}
	return 0;
}

/*
 * The history file of -s for the network namespace this process is in:
 * 0, or -1 after saying why there is none.
 */
static int stats_history_path(char *path, size_t size)
{
	const char *env = getenv("HMIP_STATS_HISTORY");
	const char *dir, *home;
	char run[64];
	struct stat st;
	int len;

	if (env && env[0]) {
		len = snprintf(path, size, "%s", env);
		goto check;
	}
	if (stat("/proc/self/ns/net", &st)) {
		cli_err("cannot identify the network namespace: %s",
			strerror(errno));
		return -1;
	}
	dir = getenv("XDG_RUNTIME_DIR");
	if (!dir || !dir[0] || access(dir, W_OK)) {
		snprintf(run, sizeof(run), "/run/user/%u", (unsigned int)getuid());
		dir = access(run, W_OK) ? NULL : run;
	}
	if (dir) {
		len = snprintf(path, size, "%s/hmip_stats.%lu", dir,
			       (unsigned long)st.st_ino);
		goto check;
	}
	home = getenv("HOME");
	if (!home || !home[0]) {
		cli_err("no place for the history of -s: set HMIP_STATS_HISTORY, XDG_RUNTIME_DIR or HOME");
		return -1;
	}
	len = snprintf(path, size, "%s/.hmip_stats.%lu", home,
		       (unsigned long)st.st_ino);
check:
	if (len < 0 || (size_t)len >= size) {
		cli_err("the history file's name is too long");
		return -1;
	}
	return 0;
}

/* The value @name had in the history, or 0. */
static uint64_t stats_history_value(const struct stats_list *hist,
				    const char *name)
{
	const struct stats_entry *e = stats_find(hist, name);

	return e ? e->value : 0;
}

/* "name value" lines; a missing file is an empty history. */
static int stats_history_read(const char *path, struct stats_list *hist)
{
	char name[128];
	unsigned long long value;
	FILE *f;
	int ret = 0;

	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		cli_err("cannot read \"%s\": %s", path, strerror(errno));
		return -1;
	}
	while (fscanf(f, "%127s %llu", name, &value) == 2) {
		if (stats_add(hist, name, value)) {
			ret = -1;
			break;
		}
	}
	fclose(f);
	return ret;
}

/* Written whole and renamed into place: a reader never sees half. */
static int stats_history_write(const char *path, const struct stats_list *list)
{
	char tmp[4096];
	size_t i;
	FILE *f;
	int len;

	len = snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
	if (len < 0 || (size_t)len >= sizeof(tmp)) {
		cli_err("the history file's name is too long");
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f)
		goto err;
	for (i = 0; i < list->count; i++)
		fprintf(f, "%s %llu\n", list->entries[i].name,
			(unsigned long long)list->entries[i].value);
	if (fclose(f))
		goto err_unlink;
	if (rename(tmp, path))
		goto err_unlink;
	return 0;

err_unlink:
	unlink(tmp);
err:
	cli_err("cannot write \"%s\": %s", path, strerror(errno));
	return -1;
}

/*
 * -s: turn @list's values into what they gained since the history, which
 * then takes the current values. Return 0, or HMIP_EXIT_FAILURE after
 * saying why.
 */
static int stats_deltas(struct stats_list *list)
{
	struct stats_list hist = {};
	char path[4096];
	uint64_t old;
	size_t i;
	int ret = HMIP_EXIT_FAILURE;

	if (stats_history_path(path, sizeof(path)))
		return HMIP_EXIT_FAILURE;
	if (!hmip_opts.reset && stats_history_read(path, &hist))
		goto out;
	if (stats_history_write(path, list))
		goto out;
	for (i = 0; i < list->count; i++) {
		old = stats_history_value(&hist, list->entries[i].name);
		if (list->entries[i].value >= old)
			list->entries[i].value -= old;
	}
	ret = 0;
out:
	stats_free(&hist);
	return ret;
}

static void stats_print(const struct stats_entry **sel, size_t count,
			bool all)
{
	struct json_writer jw;
	size_t i, len;
	int width = 0;

	if (hmip_opts.json) {
		json_init(&jw, stdout, hmip_opts.pretty);
		json_open_object(&jw, NULL);
		for (i = 0; i < count; i++)
			json_print_u64(&jw, sel[i]->name, sel[i]->value);
		json_close_object(&jw);
		return;
	}

	for (i = 0; i < count; i++) {
		len = strlen(sel[i]->name);
		if (len > (size_t)width)
			width = len;
	}
	for (i = 0; i < count; i++)
		if (all || sel[i]->value)
			printf("%-*s %llu\n", width, sel[i]->name,
			       (unsigned long long)sel[i]->value);
}

static int stats_help(int argc, const char *argv[]);

static int stats_show(int argc, const char *argv[])
{
	struct stats_list list = {};
	const struct stats_entry **sel = NULL;
	struct nl_ctx *nl;
	size_t count;
	int i, ret;

	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "help"))
			return stats_help(0, NULL);

	ret = nl_open(&nl);
	if (ret)
		return ret;
	nl_request(nl, HMIP_CMD_STATS_GET, 0);
	ret = nl_talk(nl, stats_cb, &list, NULL);
	nl_close(nl);
	if (ret)
		goto out;

	sel = calloc(list.count + argc + 1, sizeof(*sel));
	if (!sel) {
		cli_err("out of memory");
		ret = HMIP_EXIT_FAILURE;
		goto out;
	}
	if (hmip_opts.stats) {
		ret = stats_deltas(&list);
		if (ret)
			goto out;
	}
	ret = stats_select(&list, argc, argv, sel, &count);
	/* -s in text, as nstat: the counters that moved, or those named */
	if (!ret)
		stats_print(sel, count, !hmip_opts.stats || argc);
out:
	free(sel);
	stats_free(&list);
	return ret;
}

static int stats_help(int argc, const char *argv[])
{
	(void)argc;
	(void)argv;
	printf("Usage: hmip stats [ show [ NAME... ] ]\n");
	printf("       hmip -s [ -r ] stats [ show [ NAME... ] ]\n");
	printf("       hmip stats help\n");
	printf("-s prints what each counter gained since the last -s in this\n");
	printf("network namespace (text: those that moved, or those named); -r\n");
	printf("forgets that history first. The history is kept in\n");
	printf("$HMIP_STATS_HISTORY, else $XDG_RUNTIME_DIR/hmip_stats.INODE,\n");
	printf("/run/user/UID/hmip_stats.INODE or ~/.hmip_stats.INODE.\n");
	return 0;
}

static const struct cli_cmd stats_cmds[] = {
	{ .name = "show", .fn = stats_show },
	{ .name = "help", .fn = stats_help },
};

int stats_main(int argc, const char *argv[])
{
	return cli_dispatch("stats", stats_cmds, ARRAY_SIZE(stats_cmds),
			    argc, argv);
}
