// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: what the objects make of the kernel's answers, without a kernel:
 * messages laid out as the uapi header says go through the callbacks of
 * stats.c, config.c and monitor.c (included, to reach their static
 * functions), and their output is compared word for word.
 *
 * Prints one "ok"/"not ok" line per test; exits 1 if any failed.
 */

#include <linux/genetlink.h>

#include "../stats.c"
#include "../config.c"
#include "../monitor.c"

struct hmip_opts hmip_opts;

static int failures;

static uint32_t msg_buf[1024];
static FILE *saved_stdout, *saved_stderr;
static char *out_buf, *err_buf;
static size_t out_len, err_len;

static struct nlmsghdr *msg_new(uint8_t cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;

	memset(msg_buf, 0, sizeof(msg_buf));
	nlh = mnl_nlmsg_put_header(msg_buf);
	nlh->nlmsg_type = GENL_MIN_ID;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = HMIP_GENL_VERSION;
	return nlh;
}

static void stat_put(struct nlmsghdr *nlh, const char *name, uint64_t value)
{
	struct nlattr *entry = mnl_attr_nest_start(nlh, HMIP_A_STATS_ENTRY);

	mnl_attr_put_strz(nlh, HMIP_A_STAT_NAME, name);
	mnl_attr_put(nlh, HMIP_A_STAT_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_STAT_VALUE, value);
	mnl_attr_nest_end(nlh, entry);
}

/* Collect stdout and stderr until capture_end(). */
static void capture_start(void)
{
	fflush(stdout);
	fflush(stderr);
	saved_stdout = stdout;
	saved_stderr = stderr;
	stdout = open_memstream(&out_buf, &out_len);
	stderr = open_memstream(&err_buf, &err_len);
}

static void capture_end(void)
{
	fclose(stdout);
	fclose(stderr);
	stdout = saved_stdout;
	stderr = saved_stderr;
}

static void check(bool ok, const char *name)
{
	printf("%sok - %s\n", ok ? "" : "not ", name);
	failures += !ok;
}

/* Compare what was captured, then free it. */
static void check_output(const char *name, int ret, int expected_ret,
			 const char *out, const char *err)
{
	bool ok = ret == expected_ret && !strcmp(out_buf, out) &&
		  !strcmp(err_buf, err);

	check(ok, name);
	if (!ok)
		printf("#   status %d (expected %d)\n#   stdout: %s#   stderr: %s",
		       ret, expected_ret, out_buf, err_buf);
	free(out_buf);
	free(err_buf);
}

static int stats_run(const struct nlmsghdr *nlh, int argc,
		     const char *const argv[])
{
	const struct stats_entry *sel[16];
	struct stats_list list = {};
	size_t count;
	int ret;

	capture_start();
	ret = stats_cb(nlh, &list) == MNL_CB_OK ? 0 : HMIP_EXIT_FAILURE;
	if (!ret)
		ret = stats_select(&list, argc, argv, sel, &count);
	if (!ret)
		stats_print(sel, count);
	capture_end();
	stats_free(&list);
	return ret;
}

static void test_stats(void)
{
	static const char * const names[] = {
		"bu_rx", "mh_rx_bad_checksum", "bu_rx"
	};
	static const char * const unknown[] = { "bu_rx", "nope" };
	struct nlmsghdr *nlh = msg_new(HMIP_CMD_STATS_GET);
	struct nlattr *stats, *entry;
	int ret;

	stats = mnl_attr_nest_start(nlh, HMIP_A_STATS);
	stat_put(nlh, "mh_rx_bad_checksum", 3);
	stat_put(nlh, "bu_rx", 18446744073709551615ULL);
	/* a u32 value, and an attribute this tool does not know */
	entry = mnl_attr_nest_start(nlh, HMIP_A_STATS_ENTRY);
	mnl_attr_put_strz(nlh, HMIP_A_STAT_NAME, "x");
	mnl_attr_put_u32(nlh, HMIP_A_STAT_VALUE, 7);
	mnl_attr_put_u32(nlh, HMIP_A_STAT_MAX + 1, 1);
	mnl_attr_nest_end(nlh, entry);
	mnl_attr_nest_end(nlh, stats);
	mnl_attr_put_u32(nlh, HMIP_A_MAX + 1, 1);

	hmip_opts.json = false;
	ret = stats_run(nlh, 0, NULL);
	check_output("stats: a column, in the kernel's order", ret, 0,
		     "mh_rx_bad_checksum 3\n"
		     "bu_rx              18446744073709551615\n"
		     "x                  7\n", "");
	ret = stats_run(nlh, 3, names);
	check_output("stats: the names asked for, in that order, once", ret, 0,
		     "bu_rx              18446744073709551615\n"
		     "mh_rx_bad_checksum 3\n", "");
	ret = stats_run(nlh, 2, unknown);
	check_output("stats: an unknown name is an error", ret,
		     HMIP_EXIT_FAILURE, "", "hmip: unknown counter \"nope\"\n");

	hmip_opts.json = true;
	ret = stats_run(nlh, 0, NULL);
	check_output("stats -j: one object, numbers as numbers", ret, 0,
		     "{\"mh_rx_bad_checksum\":3,\"bu_rx\":18446744073709551615,\"x\":7}\n",
		     "");
	hmip_opts.pretty = true;
	ret = stats_run(nlh, 1, names);
	check_output("stats -p", ret, 0, "{\n    \"bu_rx\": 18446744073709551615\n}\n",
		     "");
	hmip_opts.pretty = false;

	nlh = msg_new(HMIP_CMD_STATS_GET);
	ret = stats_run(nlh, 0, NULL);
	check_output("stats -j: no counters", ret, 0, "{}\n", "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_STATS_GET);
	stats = mnl_attr_nest_start(nlh, HMIP_A_STATS);
	entry = mnl_attr_nest_start(nlh, HMIP_A_STATS_ENTRY);
	mnl_attr_put_strz(nlh, HMIP_A_STAT_NAME, "x");
	mnl_attr_nest_end(nlh, entry);
	mnl_attr_nest_end(nlh, stats);
	ret = stats_run(nlh, 0, NULL);
	check_output("stats: a counter without a value is refused", ret,
		     HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (a counter without a name or a value)\n");

	nlh = msg_new(HMIP_CMD_STATS_GET);
	stats = mnl_attr_nest_start(nlh, HMIP_A_STATS);
	entry = mnl_attr_nest_start(nlh, HMIP_A_STATS_ENTRY);
	mnl_attr_put(nlh, HMIP_A_STAT_NAME, 3, "abc");
	mnl_attr_put_u64(nlh, HMIP_A_STAT_VALUE, 1);
	mnl_attr_nest_end(nlh, entry);
	mnl_attr_nest_end(nlh, stats);
	ret = stats_run(nlh, 0, NULL);
	check_output("stats: a name without its NUL is refused", ret,
		     HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (attribute 2)\n");
}

static struct nlmsghdr *config_msg(uint8_t cmd, uint32_t ms, uint32_t burst)
{
	struct nlmsghdr *nlh = msg_new(cmd);
	struct nlattr *nest;

	if (cmd == HMIP_CMD_EVENT)
		mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE,
				 HMIP_EVENT_CONFIG_CHANGED);
	nest = mnl_attr_nest_start(nlh, HMIP_A_CONFIG);
	mnl_attr_put_u32(nlh, HMIP_A_CFG_ERR_RATELIMIT_MS, ms);
	mnl_attr_put_u32(nlh, HMIP_A_CFG_ERR_RATELIMIT_BURST, burst);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void test_config(void)
{
	struct nlmsghdr *nlh = config_msg(HMIP_CMD_CONFIG_GET, 1000, 10);
	uint16_t path[2] = { HMIP_A_CONFIG, HMIP_A_CFG_ERR_RATELIMIT_BURST };
	int ret;

	capture_start();
	ret = config_show_cb(nlh, NULL);
	capture_end();
	check_output("config show", ret, MNL_CB_STOP,
		     "err-ratelimit-ms 1000\nerr-ratelimit-burst 10\n", "");

	hmip_opts.json = true;
	capture_start();
	ret = config_show_cb(nlh, NULL);
	capture_end();
	check_output("config show -j", ret, MNL_CB_STOP,
		     "{\"err_ratelimit_ms\":1000,\"err_ratelimit_burst\":10}\n",
		     "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_CONFIG_GET);
	capture_start();
	ret = config_show_cb(nlh, NULL);
	capture_end();
	check_output("config show: an answer without settings is refused",
		     ret, MNL_CB_ERROR, "",
		     "hmip: malformed answer from the kernel (no settings)\n");

	check(!strcmp(config_attr_name(path, 2), "err-ratelimit-burst") &&
	      !config_attr_name(path, 1),
	      "config set: errors name the setting");
}

static void test_monitor(void)
{
	struct monitor mon = { .count = 2, .limited = true };
	struct nlmsghdr *nlh = config_msg(HMIP_CMD_EVENT, 0, 1);
	int ret;

	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor: config-changed", ret, MNL_CB_OK,
		     "config-changed err-ratelimit-ms 0 err-ratelimit-burst 1\n",
		     "");

	hmip_opts.json = true;
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor -j: config-changed, and count 2 stops", ret,
		     MNL_CB_STOP,
		     "{\"event\":\"config-changed\",\"err_ratelimit_ms\":0,\"err_ratelimit_burst\":1}\n",
		     "");

	nlh = msg_new(HMIP_CMD_EVENT);
	mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, 42);
	mon.limited = false;
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor -j: an unknown event", ret, MNL_CB_OK,
		     "{\"event\":\"event-42\"}\n", "");
	hmip_opts.json = false;
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor: an unknown event", ret, MNL_CB_OK,
		     "event-42\n", "");

	nlh = msg_new(HMIP_CMD_EVENT);
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor: an event without a type is refused", ret,
		     MNL_CB_ERROR, "",
		     "hmip: malformed event from the kernel (no type)\n");
}

int main(void)
{
	test_stats();
	test_config();
	test_monitor();
	return failures ? 1 : 0;
}
