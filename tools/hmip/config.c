// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the config object, the per-netns settings of the module.
 *
 *	hmip config [ show ]
 *	hmip config set [ err-ratelimit-ms MS ] [ err-ratelimit-burst N ]
 *
 * A new u32 setting is one line of config_fields.
 */

#include <string.h>
#include <linux/hmip.h>

#include "cli.h"
#include "config.h"
#include "nl.h"

/**
 * struct config_field - a setting, a u32 attribute in HMIP_A_CONFIG
 * @name: its keyword on the command line and in text output
 * @json: its name in JSON output
 * @arg: what its value is, for the usage text
 * @attr: its attribute type, HMIP_A_CFG_*
 * @min: smallest value, as the kernel's policy (and the help) has it
 * @max: largest value, likewise
 */
struct config_field {
	const char *name;
	const char *json;
	const char *arg;
	uint16_t attr;
	uint32_t min;
	uint32_t max;
};

static const struct config_field config_fields[] = {
	{ "err-ratelimit-ms", "err_ratelimit_ms", "MS",
	  HMIP_A_CFG_ERR_RATELIMIT_MS, 0, 3600000 },
	{ "err-ratelimit-burst", "err_ratelimit_burst", "N",
	  HMIP_A_CFG_ERR_RATELIMIT_BURST, 1, 1000 },
};

/**
 * config_print() - print the settings of a HMIP_A_CONFIG nest
 * @jw: a JSON writer inside an object, to add one member per setting to;
 *	NULL for text
 * @nest: the nest
 * @one_line: in text, " name value" for each setting on the current line
 *	(for "hmip monitor") instead of a "name value" line for each
 *
 * Settings the kernel leaves out are not printed, nor those this tool
 * does not know.
 *
 * Return: 0, or -1 after printing that the nest is malformed.
 */
int config_print(struct json_writer *jw, const struct nlattr *nest,
		 bool one_line)
{
	static const enum mnl_attr_data_type policy[HMIP_A_CFG_MAX + 1];
	const struct nlattr *tb[HMIP_A_CFG_MAX + 1] = {};
	const struct config_field *f;
	uint32_t val;

	if (nl_parse_nested(nest, tb, HMIP_A_CFG_MAX, policy))
		return -1;
	for (f = config_fields; f < config_fields + ARRAY_SIZE(config_fields);
	     f++) {
		if (tb[f->attr] && mnl_attr_validate(tb[f->attr], MNL_TYPE_U32)) {
			cli_err("malformed answer from the kernel (%s)", f->name);
			return -1;
		}
	}

	for (f = config_fields; f < config_fields + ARRAY_SIZE(config_fields);
	     f++) {
		if (!tb[f->attr])
			continue;
		val = mnl_attr_get_u32(tb[f->attr]);
		if (jw)
			json_print_u64(jw, f->json, val);
		else if (one_line)
			printf(" %s %u", f->name, val);
		else
			printf("%s %u\n", f->name, val);
	}
	return 0;
}

static int config_show_cb(const struct nlmsghdr *nlh, void *data)
{
	static const enum mnl_attr_data_type policy[HMIP_A_MAX + 1] = {
		[HMIP_A_CONFIG] = MNL_TYPE_NESTED,
	};
	const struct nlattr *tb[HMIP_A_MAX + 1] = {};
	struct json_writer jw;
	int ret;

	(void)data;
	if (nl_parse(nlh, tb, HMIP_A_MAX, policy))
		return MNL_CB_ERROR;
	if (!tb[HMIP_A_CONFIG]) {
		cli_err("malformed answer from the kernel (no settings)");
		return MNL_CB_ERROR;
	}
	if (hmip_opts.save) {
		fputs("config set", stdout);
		ret = config_print(NULL, tb[HMIP_A_CONFIG], true);
		putchar('\n');
		return ret ? MNL_CB_ERROR : MNL_CB_STOP;
	}
	if (!hmip_opts.json)
		return config_print(NULL, tb[HMIP_A_CONFIG], false) ?
		       MNL_CB_ERROR : MNL_CB_STOP;

	json_init(&jw, stdout, hmip_opts.pretty);
	json_open_object(&jw, NULL);
	ret = config_print(&jw, tb[HMIP_A_CONFIG], false);
	json_close_object(&jw);
	return ret ? MNL_CB_ERROR : MNL_CB_STOP;
}

static int config_show(int argc, const char *argv[])
{
	struct nl_ctx *nl;
	int ret;

	ret = cli_no_more_args(argc, argv);
	if (ret)
		return ret;
	ret = nl_open(&nl);
	if (ret)
		return ret;
	nl_request(nl, HMIP_CMD_CONFIG_GET, 0);
	ret = nl_talk(nl, config_show_cb, NULL, NULL);
	nl_close(nl);
	return ret;
}

/* Names the attributes of a HMIP_CMD_CONFIG_SET for error messages. */
static const char *config_attr_name(const uint16_t *path, unsigned int depth)
{
	size_t i;

	if (depth != 2 || path[0] != HMIP_A_CONFIG)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(config_fields); i++)
		if (config_fields[i].attr == path[1])
			return config_fields[i].name;
	return NULL;
}

static int config_help(int argc, const char *argv[]);

static int config_set(int argc, const char *argv[])
{
	uint32_t values[ARRAY_SIZE(config_fields)];
	bool given[ARRAY_SIZE(config_fields)] = {};
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	struct nl_ctx *nl;
	const char *name;
	size_t i, count = 0;
	int f, ret;

	for (i = 0; i < (size_t)argc; i += 2) {
		if (!strcmp(argv[i], "help"))
			return config_help(0, NULL);
		f = cli_lookup("argument", argv[i], config_fields);
		if (f < 0)
			return HMIP_EXIT_USAGE;
		name = config_fields[f].name;
		if (given[f])
			return cli_usage_err("\"%s\" is given twice", name);
		if (i + 1 >= (size_t)argc)
			return cli_usage_err("\"%s\" needs a value", name);
		ret = cli_parse_u32(name, argv[i + 1], config_fields[f].min,
				    config_fields[f].max, &values[f]);
		if (ret)
			return ret;
		given[f] = true;
		count++;
	}
	if (!count)
		return cli_usage_err("nothing to set");

	ret = nl_open(&nl);
	if (ret)
		return ret;
	nlh = nl_request(nl, HMIP_CMD_CONFIG_SET, 0);
	nest = mnl_attr_nest_start(nlh, HMIP_A_CONFIG);
	for (i = 0; i < ARRAY_SIZE(config_fields); i++)
		if (given[i])
			mnl_attr_put_u32(nlh, config_fields[i].attr, values[i]);
	mnl_attr_nest_end(nlh, nest);
	ret = nl_talk(nl, NULL, NULL, config_attr_name);
	nl_close(nl);
	return ret;
}

static int config_help(int argc, const char *argv[])
{
	size_t i;

	(void)argc;
	(void)argv;
	printf("Usage: hmip config [ show ]\n");
	printf("       hmip config set");
	for (i = 0; i < ARRAY_SIZE(config_fields); i++)
		printf(" [ %s %s ]", config_fields[i].name,
		       config_fields[i].arg);
	printf("\n");
	printf("       hmip config help\n");
	for (i = 0; i < ARRAY_SIZE(config_fields); i++)
		printf("%s %s is %u to %u.\n", config_fields[i].name,
		       config_fields[i].arg, config_fields[i].min,
		       config_fields[i].max);
	return 0;
}

static const struct cli_cmd config_cmds[] = {
	{ .name = "show", .fn = config_show },
	{ .name = "set", .fn = config_set },
	{ .name = "help", .fn = config_help },
};

int config_main(int argc, const char *argv[])
{
	return cli_dispatch("config", config_cmds, ARRAY_SIZE(config_cmds),
			    argc, argv);
}
