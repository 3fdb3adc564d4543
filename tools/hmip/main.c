// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the userspace tool of the hmip module (Hierarchical Mobile IPv6,
 * RFC 4140), read like ip(8):
 *
 *	hmip [ OPTIONS ] OBJECT { COMMAND | help }
 *
 * main() reads the options and hands the words after the object to the
 * object's *_main(), which reads them all before its request enters the
 * network namespace of -n (hmip_enter()). -batch does the same for each
 * line of a file. A new object is one
 * line of hmip_objects, its *_main() in hmip.h, and a file of its own.
 */

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/hmip.h>

#include "cli.h"
#include "iface.h"
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
	{ "save", save_main, "print the configuration as commands for -batch" },
	{ "help", hmip_help, NULL },
};

enum {
	HMIP_OPT_JSON,
	HMIP_OPT_PRETTY,
	HMIP_OPT_NETNS,
	HMIP_OPT_VERSION,
	HMIP_OPT_HELP,
	HMIP_OPT_BATCH,
	HMIP_OPT_FORCE,
	HMIP_OPT_STATS,
	HMIP_OPT_TIMESTAMP,
	HMIP_OPT_TSHORT,
	HMIP_OPT_RESET,
};

static const struct {
	const char *name;
} hmip_options[] = {
	[HMIP_OPT_JSON] = { "-json" },
	[HMIP_OPT_PRETTY] = { "-pretty" },
	[HMIP_OPT_NETNS] = { "-netns" },
	[HMIP_OPT_VERSION] = { "-Version" },
	[HMIP_OPT_HELP] = { "-help" },
	[HMIP_OPT_BATCH] = { "-batch" },
	[HMIP_OPT_FORCE] = { "-force" },
	[HMIP_OPT_STATS] = { "-statistics" },
	[HMIP_OPT_TIMESTAMP] = { "-timestamp" },
	[HMIP_OPT_TSHORT] = { "-tshort" },
	[HMIP_OPT_RESET] = { "-reset" },
};

/* Most words on a line of -batch */
#define HMIP_BATCH_WORDS	256

static int hmip_help(int argc, const char *argv[])
{
	const char *sep = "";
	size_t i;

	(void)argc;
	(void)argv;
	printf("Usage: hmip [ OPTIONS ] OBJECT { COMMAND | help }\n");
	printf("       hmip [ -force ] -batch FILE\n");
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
	printf("                    -b[atch] FILE | -f[orce] | -V[ersion] | -h[elp] |\n");
	printf("                    -s[tatistics] | -r[eset] | -t[imestamp] | -ts[hort] }\n");
	printf("\nObjects:\n");
	for (i = 0; i < ARRAY_SIZE(hmip_objects); i++)
		if (hmip_objects[i].desc)
			printf("  %-9s %s\n", hmip_objects[i].name,
			       hmip_objects[i].desc);
	printf("\nEach object prints its commands with \"hmip OBJECT help\".\n");
	printf("-batch runs the commands of FILE (\"-\": stdin), one a line; \"#\" starts\n");
	printf("a comment. It stops at the first that fails, or with -force goes on.\n");
	return 0;
}

/*
 * -V: this tool's version, the uapi's, and the version of the module the
 * kernel has loaded (its MODULE_VERSION), if any.
 */
static void hmip_version(void)
{
	char version[64] = "";
	FILE *f;

	f = fopen("/sys/module/hmip/version", "r");
	if (f) {
		if (!fgets(version, sizeof(version), f))
			version[0] = '\0';
		fclose(f);
		version[strcspn(version, "\n")] = '\0';
	}
	if (!version[0])
		snprintf(version, sizeof(version), "%s",
			 access("/sys/module/hmip", F_OK) ? "not loaded" :
			 "of unknown version");
	printf("hmip %s, uapi %d, module %s\n", HMIP_VERSION,
	       HMIP_GENL_VERSION, version);
}

/*
 * The options before the object: return the index of the object's word in
 * @argv, or -1 with *@status set for main() to exit with. -batch sets
 * *@batch.
 */
static int hmip_parse_options(int argc, const char *argv[], int *status,
			      const char **batch)
{
	const char *opt;
	int i, k;

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
		/* "-t" is -timestamp, as in ip(8), not a prefix of -tshort */
		if (!strcmp(opt, "-t"))
			k = HMIP_OPT_TIMESTAMP;
		else
			k = cli_lookup("option", opt, hmip_options);
		switch (k) {
		case HMIP_OPT_JSON:
			hmip_opts.json = true;
			break;
		case HMIP_OPT_PRETTY:
			hmip_opts.json = true;
			hmip_opts.pretty = true;
			break;
		case HMIP_OPT_NETNS:
		case HMIP_OPT_BATCH:
			if (i + 1 >= argc) {
				*status = cli_usage_err("\"%s\" needs a value",
							argv[i]);
				return -1;
			}
			if (k == HMIP_OPT_BATCH) {
				*batch = argv[++i];
				break;
			}
			hmip_opts.netns = argv[++i];
			*status = netns_parse(hmip_opts.netns);
			if (*status)
				return -1;
			break;
		case HMIP_OPT_FORCE:
			hmip_opts.force = true;
			break;
		case HMIP_OPT_STATS:
			hmip_opts.stats = true;
			break;
		case HMIP_OPT_TIMESTAMP:
			hmip_opts.timestamp = 1;
			break;
		case HMIP_OPT_TSHORT:
			hmip_opts.timestamp = 2;
			break;
		case HMIP_OPT_RESET:
			hmip_opts.reset = true;
			break;
		case HMIP_OPT_VERSION:
			hmip_version();
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

/*
 * What a command does once its words are read, before its request (see
 * cli_enter()): enter the network namespace of -n, once, and look up the
 * interfaces the command names there.
 */
static int hmip_enter(void)
{
	static bool entered;
	int ret;

	if (hmip_opts.netns && !entered) {
		ret = netns_switch(hmip_opts.netns);
		if (ret) {
			iface_forget();
			return ret;
		}
		entered = true;
	}
	return iface_resolve();
}

/* Run the command of @argv, an object and the words after it. */
static int hmip_command(int argc, const char *argv[])
{
	int obj;

	if (argc < 1)
		return cli_usage_err("no object given");
	obj = cli_lookup("object", argv[0], hmip_objects);
	if (obj < 0)
		return HMIP_EXIT_USAGE;
	return hmip_objects[obj].fn(argc - 1, argv + 1);
}

/*
 * The words of a line of -batch, split at blanks, quotes ("..." or '...')
 * keeping blanks in a word; a word that starts with '#' starts a comment.
 * The words point into @line, which is changed. Return how many, or -1
 * after a usage error.
 */
static int hmip_split(char *line, const char *words[], int max)
{
	int n = 0;
	char *out, quote;

	for (;;) {
		while (isspace((unsigned char)*line))
			line++;
		if (!*line || *line == '#')
			return n;
		if (n >= max) {
			(void)cli_usage_err("more than %d words", max);
			return -1;
		}
		out = line;
		words[n++] = out;
		quote = 0;
		for (; *line && (quote || !isspace((unsigned char)*line)); line++) {
			if (!quote && (*line == '"' || *line == '\''))
				quote = *line;
			else if (quote && *line == quote)
				quote = 0;
			else
				*out++ = *line;
		}
		if (quote) {
			(void)cli_usage_err("unterminated quote");
			return -1;
		}
		if (*line)
			line++;
		*out = '\0';
	}
}

/*
 * -batch FILE: each line a command, as if given after the options (which
 * apply to every line). Errors name the file and the line. Stops at the
 * first line that fails unless -force; returns the exit status of the
 * first line that failed, or 0.
 */
static int hmip_batch(const char *file)
{
	const char *words[HMIP_BATCH_WORDS];
	unsigned int lineno = 0;
	char *line = NULL;
	size_t size = 0;
	int n, ret, status = 0;
	FILE *f;

	f = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!f) {
		cli_err("cannot open \"%s\": %s", file, strerror(errno));
		return HMIP_EXIT_FAILURE;
	}
	while (getline(&line, &size, f) >= 0) {
		cli_set_line(file, ++lineno);
		iface_forget();
		line[strcspn(line, "\n")] = '\0';
		n = hmip_split(line, words, HMIP_BATCH_WORDS);
		if (!n)
			continue;
		ret = n < 0 ? HMIP_EXIT_USAGE : hmip_command(n, words);
		/* the output in the order of the lines, errors included */
		fflush(stdout);
		if (ret && !status)
			status = ret;
		if (ret && !hmip_opts.force)
			break;
	}
	if (ferror(f) && !status) {
		cli_set_line(NULL, 0);
		cli_err("cannot read \"%s\": %s", file, strerror(errno));
		status = HMIP_EXIT_FAILURE;
	}
	cli_set_line(NULL, 0);
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

static int hmip_run(int argc, const char *argv[])
{
	const char *batch = NULL;
	int i, ret;

	i = hmip_parse_options(argc, argv, &ret, &batch);
	if (i < 0)
		return ret;
	cli_set_enter(hmip_enter);
	if (batch) {
		if (i < argc)
			return cli_usage_err("unexpected argument \"%s\" after \"-batch FILE\"",
					     argv[i]);
		return hmip_batch(batch);
	}
	return hmip_command(argc - i, argv + i);
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
