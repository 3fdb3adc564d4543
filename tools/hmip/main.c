// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the userspace tool of the hmip module (Hierarchical Mobile IPv6,
 * RFC 4140), read like ip(8):
 *
 *	hmip [ OPTIONS ] OBJECT { COMMAND | help }
 *
 * main() reads the options, enters the network namespace of -n and hands
 * the words after the object to the object's *_main(). A new object is one
 * line of hmip_objects, its *_main() in hmip.h, and a file of its own.
 */

#include <errno.h>
#include <string.h>
#include <linux/hmip.h>

#include "cli.h"
#include "netns.h"

struct hmip_opts hmip_opts;

static int hmip_help(int argc, const char *argv[]);

static const struct cli_cmd hmip_objects[] = {
	{ "stats", stats_main, "the module's counters" },
	{ "config", config_main, "the module's settings" },
	{ "map", map_main, "the MAPs this node serves as" },
	{ "binding", binding_main,
	  "the bindings of this node's MAPs and home agents" },
	{ "ar", ar_main, "the MAP options this node advertises as an access router" },
	{ "mn", mn_main, "the mobile node role of this node's interfaces" },
	{ "ha", ha_main, "the home agents this node serves as" },
	{ "monitor", monitor_main, "print the module's events as they happen" },
	{ "help", hmip_help, NULL },
};

enum {
	HMIP_OPT_JSON,
	HMIP_OPT_PRETTY,
	HMIP_OPT_NETNS,
	HMIP_OPT_VERSION,
	HMIP_OPT_HELP,
};

static const struct {
	const char *name;
} hmip_options[] = {
	[HMIP_OPT_JSON] = { "-json" },
	[HMIP_OPT_PRETTY] = { "-pretty" },
	[HMIP_OPT_NETNS] = { "-netns" },
	[HMIP_OPT_VERSION] = { "-Version" },
	[HMIP_OPT_HELP] = { "-help" },
};

static int hmip_help(int argc, const char *argv[])
{
	const char *sep = "";
	size_t i;

	(void)argc;
	(void)argv;
	printf("Usage: hmip [ OPTIONS ] OBJECT { COMMAND | help }\n");
	printf("       hmip [ -V | -Version ]\n");
	printf("       hmip help\n");
	printf("where  OBJECT := { ");
	for (i = 0; i < ARRAY_SIZE(hmip_objects); i++) {
		if (!hmip_objects[i].desc)
			continue;
		printf("%s%s", sep, hmip_objects[i].name);
		sep = " | ";
	}
	printf(" }\n");
	printf("       OPTIONS := { -j[son] | -p[retty] | -n[etns] NETNS |\n");
	printf("                    -V[ersion] | -h[elp] }\n");
	printf("\nObjects:\n");
	for (i = 0; i < ARRAY_SIZE(hmip_objects); i++)
		if (hmip_objects[i].desc)
			printf("  %-9s %s\n", hmip_objects[i].name,
			       hmip_objects[i].desc);
	printf("\nEach object prints its commands with \"hmip OBJECT help\".\n");
	return 0;
}

/*
 * The options before the object: return the index of the object's word in
 * @argv, or -1 with *@status set for main() to exit with.
 */
static int hmip_parse_options(int argc, const char *argv[], int *status)
{
	const char *opt;
	int i;

	*status = 0;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		opt = argv[i];
		if (!strcmp(opt, "--"))
			return i + 1;
		/* "--json" is "-json" */
		if (opt[1] == '-')
			opt++;
		if (!opt[1]) {
			*status = cli_usage_err("unknown option \"%s\"", argv[i]);
			return -1;
		}
		switch (cli_lookup("option", opt, hmip_options)) {
		case HMIP_OPT_JSON:
			hmip_opts.json = true;
			break;
		case HMIP_OPT_PRETTY:
			hmip_opts.json = true;
			hmip_opts.pretty = true;
			break;
		case HMIP_OPT_NETNS:
			if (i + 1 >= argc) {
				*status = cli_usage_err("\"%s\" needs a value",
							argv[i]);
				return -1;
			}
			hmip_opts.netns = argv[++i];
			break;
		case HMIP_OPT_VERSION:
			printf("hmip %s, uapi %d\n", HMIP_TOOL_VERSION,
			       HMIP_GENL_VERSION);
			return -1;
		case HMIP_OPT_HELP:
			hmip_help(0, NULL);
			return -1;
		default:
			*status = HMIP_EXIT_USAGE;
			return -1;
		}
	}
	return i;
}

static int hmip_run(int argc, const char *argv[])
{
	int i, obj, ret;

	i = hmip_parse_options(argc, argv, &ret);
	if (i < 0)
		return ret;
	if (i >= argc)
		return cli_usage_err("no object given");
	obj = cli_lookup("object", argv[i], hmip_objects);
	if (obj < 0)
		return HMIP_EXIT_USAGE;
	if (hmip_opts.netns) {
		ret = netns_switch(hmip_opts.netns);
		if (ret)
			return ret;
	}
	return hmip_objects[obj].fn(argc - i - 1, argv + i + 1);
}

int main(int argc, const char *argv[])
{
	int ret = hmip_run(argc, argv);

	/* output lost on a full disk or a closed pipe is a failure too */
	if (fflush(stdout) || ferror(stdout)) {
		cli_set_context(NULL, NULL);
		cli_err("cannot write the output: %s", strerror(errno));
		if (!ret)
			ret = HMIP_EXIT_FAILURE;
	}
	return ret;
}
