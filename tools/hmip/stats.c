// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the stats object, the module's counters in this network namespace.
 *
 *	hmip stats [ show [ NAME... ] ]
 *
 * The kernel names its counters: this file knows none of them, and prints
 * every one it is sent, in the order it is sent.
 */

#include <stdlib.h>
#include <string.h>
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

static void stats_print(const struct stats_entry **sel, size_t count)
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
	ret = stats_select(&list, argc, argv, sel, &count);
	if (!ret)
		stats_print(sel, count);
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
	printf("       hmip stats help\n");
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
