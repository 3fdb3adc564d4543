// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: what the objects make of the kernel's answers, without a kernel:
 * messages laid out as the uapi header says go through the callbacks of
 * stats.c, config.c, monitor.c, map.c, binding.c, ar.c and mn.c (included,
 * to reach their static functions), and their output is compared word for
 * word; the requests of map.c, binding.c, ar.c and mn.c are read back
 * attribute by attribute.
 *
 * Prints one "ok"/"not ok" line per test; exits 1 if any failed.
 */

#include <linux/genetlink.h>

#include "../stats.c"
#include "../config.c"
#include "../monitor.c"
#include "../map.c"
#include "../binding.c"
#include "../ar.c"
#include "../mn.c"
#include "../ha.c"

#include <arpa/inet.h>

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

/* Split @line on blanks into @argv, at most 32 words: their number. */
static int split_words(const char *line, const char *argv[32])
{
	static char words[256];
	int argc = 0;
	char *w;

	snprintf(words, sizeof(words), "%s", line);
	for (w = strtok(words, " "); w && argc < 32; w = strtok(NULL, " "))
		argv[argc++] = w;
	return argc;
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
		stats_print(sel, count, true);
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

	hmip_opts.save = true;
	capture_start();
	ret = config_show_cb(nlh, NULL);
	capture_end();
	hmip_opts.save = false;
	check_output("save: the settings as one config set", ret, MNL_CB_STOP,
		     "config set err-ratelimit-ms 1000 err-ratelimit-burst 10\n",
		     "");

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

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const char *str)
{
	struct in6_addr addr;

	inet_pton(AF_INET6, str, &addr);
	mnl_attr_put(nlh, type, sizeof(addr), &addr);
}

static void put_prefix(struct nlmsghdr *nlh, const char *str, uint8_t len)
{
	struct nlattr *entry = mnl_attr_nest_start(nlh, HMIP_A_PREFIX);

	put_addr(nlh, HMIP_A_PREFIX_ADDR, str);
	mnl_attr_put_u8(nlh, HMIP_A_PREFIX_LEN, len);
	mnl_attr_nest_end(nlh, entry);
}

/* A MAP as the kernel sends it, on lo, with two on-link prefixes. */
static struct nlmsghdr *map_msg(const char *addr, bool full)
{
	struct nlmsghdr *nlh = msg_new(HMIP_CMD_MAP_GET);
	struct nlattr *nest, *list;

	nest = mnl_attr_nest_start(nlh, HMIP_A_MAP);
	put_addr(nlh, HMIP_A_MAP_ADDR, addr);
	if (full) {
		mnl_attr_put_u32(nlh, HMIP_A_MAP_IFINDEX, 1);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_PREF, 10);
		mnl_attr_put_u32(nlh, HMIP_A_MAP_MAX_LIFETIME, 600);
		mnl_attr_put_u32(nlh, HMIP_A_MAP_MAX_BINDINGS, 65536);
		list = mnl_attr_nest_start(nlh, HMIP_A_MAP_ONLINK_PREFIXES);
		put_prefix(nlh, "2001:db8:200::", 64);
		put_prefix(nlh, "2001:db8:300::", 48);
		mnl_attr_nest_end(nlh, list);
		list = mnl_attr_nest_start(nlh, HMIP_A_MAP_FORWARD_PREFIXES);
		mnl_attr_nest_end(nlh, list);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_REQUIRE_IPSEC, 1);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_REQUIRE_ALTCOA, 1);
		mnl_attr_put_u8(nlh, HMIP_A_MAP_MODE, HMIP_MAP_MODE_ROUTED);
		mnl_attr_put_u32(nlh, HMIP_A_MAP_TUNNEL_IFINDEX, 1);
		mnl_attr_put_u32(nlh, HMIP_A_MAP_BINDINGS, 3);
		mnl_attr_put_u32(nlh, HMIP_A_MAP_MAX + 1, 7);
	}
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

/* map_show_cb() on @count MAPs, then show_end() */
static int map_show_run(struct nlmsghdr **msgs, unsigned int count)
{
	struct show show = {};
	unsigned int i;
	int ret = 0;

	capture_start();
	for (i = 0; i < count && !ret; i++)
		if (map_show_cb(msgs[i], &show) != MNL_CB_OK)
			ret = HMIP_EXIT_FAILURE;
	show_end(&show, ret);
	capture_end();
	return ret;
}

static void test_map_show(void)
{
	static uint32_t bufs[2][1024];
	struct nlmsghdr *msgs[2];
	struct nlattr *nest;
	int ret;

	memcpy(bufs[0], map_msg("2001:db8:100::1", true), sizeof(bufs[0]));
	memcpy(bufs[1], map_msg("2001:db8:100::2", false), sizeof(bufs[1]));
	msgs[0] = (struct nlmsghdr *)bufs[0];
	msgs[1] = (struct nlmsghdr *)bufs[1];

	ret = map_show_run(msgs, 2);
	check_output("map show: one line per MAP, as map add reads it", ret, 0,
		     "2001:db8:100::1 dev lo pref 10 max-lifetime 600 max-bindings 65536 require-ipsec on altcoa require mode routed tunnel lo bindings 3 onlink-prefix 2001:db8:200::/64 onlink-prefix 2001:db8:300::/48\n"
		     "2001:db8:100::2\n", "");

	hmip_opts.json = true;
	ret = map_show_run(msgs, 2);
	check_output("map show -j: an array of objects", ret, 0,
		     "[{\"address\":\"2001:db8:100::1\",\"dev\":\"lo\",\"ifindex\":1,\"pref\":10,\"max_lifetime\":600,\"max_bindings\":65536,\"require_ipsec\":true,\"altcoa\":\"require\",\"mode\":\"routed\",\"tunnel\":\"lo\",\"tunnel_ifindex\":1,\"bindings\":3,\"onlink_prefixes\":[\"2001:db8:200::/64\",\"2001:db8:300::/48\"],\"forward_prefixes\":[],\"rcoa_pools\":[]},{\"address\":\"2001:db8:100::2\",\"onlink_prefixes\":[],\"forward_prefixes\":[],\"rcoa_pools\":[]}]\n",
		     "");
	ret = map_show_run(msgs, 0);
	check_output("map show -j: no MAP is []", ret, 0, "[]\n", "");
	hmip_opts.json = false;

	hmip_opts.save = true;
	ret = map_show_run(msgs, 2);
	hmip_opts.save = false;
	check_output("save: a map replace per MAP, empty lists as none, no bindings",
		     ret, 0,
		     "map replace 2001:db8:100::1 dev lo pref 10 max-lifetime 600 max-bindings 65536 require-ipsec on altcoa require mode routed tunnel lo onlink-prefix 2001:db8:200::/64 onlink-prefix 2001:db8:300::/48 forward-prefix none rcoa-pool none\n"
		     "map replace 2001:db8:100::2 onlink-prefix none forward-prefix none rcoa-pool none\n",
		     "");
	hmip_opts.json = true;

	msgs[0] = msg_new(HMIP_CMD_MAP_GET);
	ret = map_show_run(msgs, 1);
	check_output("map show -j: an answer without a MAP is refused", ret,
		     HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (no MAP)\n");
	hmip_opts.json = false;

	msgs[0] = msg_new(HMIP_CMD_MAP_GET);
	nest = mnl_attr_nest_start(msgs[0], HMIP_A_MAP);
	put_addr(msgs[0], HMIP_A_MAP_ADDR, "::1");
	mnl_attr_put_u32(msgs[0], HMIP_A_MAP_IFINDEX, 0x7ffffff0);
	mnl_attr_put_u8(msgs[0], HMIP_A_MAP_MODE, HMIP_MAP_MODE_PROXY_ND);
	mnl_attr_put_u32(msgs[0], HMIP_A_MAP_TUNNEL_IFINDEX, 0x7ffffff1);
	mnl_attr_nest_end(msgs[0], nest);
	ret = map_show_run(msgs, 1);
	check_output("map show: interfaces without a name", ret, 0,
		     "::1 dev if2147483632 mode proxy-nd tunnel if2147483633\n",
		     "");
	hmip_opts.json = true;
	ret = map_show_run(msgs, 1);
	check_output("map show -j: interfaces without a name are null", ret, 0,
		     "[{\"address\":\"::1\",\"dev\":null,\"ifindex\":2147483632,\"mode\":\"proxy-nd\",\"tunnel\":null,\"tunnel_ifindex\":2147483633,\"onlink_prefixes\":[],\"forward_prefixes\":[],\"rcoa_pools\":[]}]\n",
		     "");
	hmip_opts.json = false;

	msgs[0] = msg_new(HMIP_CMD_MAP_GET);
	nest = mnl_attr_nest_start(msgs[0], HMIP_A_MAP);
	put_addr(msgs[0], HMIP_A_MAP_ADDR, "::1");
	mnl_attr_put_u8(msgs[0], HMIP_A_MAP_MODE, 7);
	mnl_attr_nest_end(msgs[0], nest);
	ret = map_show_run(msgs, 1);
	check_output("map show: a mode the tool does not know, as its number",
		     ret, 0, "::1 mode 7\n", "");

	hmip_opts.json = true;
	ret = map_show_run(msgs, 1);
	check_output("map show -j: a mode the tool does not know, as its number",
		     ret, 0,
		     "[{\"address\":\"::1\",\"mode\":\"7\",\"onlink_prefixes\":[],\"forward_prefixes\":[],\"rcoa_pools\":[]}]\n",
		     "");
	hmip_opts.json = false;

	msgs[0] = msg_new(HMIP_CMD_MAP_GET);
	nest = mnl_attr_nest_start(msgs[0], HMIP_A_MAP);
	put_addr(msgs[0], HMIP_A_MAP_ADDR, "::1");
	mnl_attr_put_u8(msgs[0], HMIP_A_MAP_REQUIRE_IPSEC, 0);
	mnl_attr_put_u8(msgs[0], HMIP_A_MAP_REQUIRE_ALTCOA, 0);
	mnl_attr_nest_end(msgs[0], nest);
	ret = map_show_run(msgs, 1);
	check_output("map show: altcoa optional", ret, 0,
		     "::1 require-ipsec off altcoa optional\n", "");
	hmip_opts.json = true;
	ret = map_show_run(msgs, 1);
	check_output("map show -j: altcoa optional", ret, 0,
		     "[{\"address\":\"::1\",\"require_ipsec\":false,\"altcoa\":\"optional\",\"onlink_prefixes\":[],\"forward_prefixes\":[],\"rcoa_pools\":[]}]\n",
		     "");
	hmip_opts.json = false;

	msgs[0] = msg_new(HMIP_CMD_MAP_GET);
	nest = mnl_attr_nest_start(msgs[0], HMIP_A_MAP);
	put_addr(msgs[0], HMIP_A_MAP_ADDR, "::1");
	mnl_attr_put_u32(msgs[0], HMIP_A_MAP_MODE, 1);
	mnl_attr_nest_end(msgs[0], nest);
	ret = map_show_run(msgs, 1);
	check(ret == HMIP_EXIT_FAILURE && !out_buf[0] && err_buf[0],
	      "map show: a mode that is not a u8 is refused");
	free(out_buf);
	free(err_buf);
}

/*
 * Run map_parse() on @line (words split on blanks) as "map add" (@add) or
 * "map change", and on success put the request into a message: NULL after
 * an error.
 */
static struct nlmsghdr *map_parse_cmd_run(bool add, const char *line,
					  int *ret)
{
	const char *argv[32];
	struct map_args args;
	struct nlmsghdr *nlh = NULL;
	int argc = split_words(line, argv);

	cli_set_context("map", add ? "add" : "change");
	capture_start();
	*ret = map_parse(argc, argv, add, &args);
	/* the interfaces named, looked up as nl_open() has them looked up */
	if (!*ret)
		*ret = iface_resolve();
	else
		iface_forget();
	capture_end();
	cli_set_context(NULL, NULL);
	if (!*ret) {
		nlh = msg_new(add ? HMIP_CMD_MAP_ADD : HMIP_CMD_MAP_SET);
		map_put(nlh, &args);
	}
	return nlh;
}

static struct nlmsghdr *map_parse_run(const char *line, int *ret)
{
	return map_parse_cmd_run(true, line, ret);
}

/* The prefixes of a list of a request, "addr/len ..." */
static void prefixes_str(const struct nlattr *list, char *buf, size_t size)
{
	char prefixes[MAP_SHOW_PREFIXES][ADDR_PREFIX_STRLEN];
	unsigned int count, i;
	size_t len = 0;

	buf[0] = '\0';
	if (addr_prefix_list_get(list, prefixes, &count, MAP_SHOW_PREFIXES))
		return;
	for (i = 0; i < count; i++)
		len += snprintf(buf + len, size - len, "%s%s", i ? " " : "",
				prefixes[i]);
}

static void test_map_parse(void)
{
	static const char args[] = {
		"2001:db8:100::1 dev lo pref 15 max-l 600 max-b 16777216 onl 2001:db8:200::/64 forward-prefix 2001:db8:300::/56 onlink-p 2001:db8:201::1/128 req off mo routed t hmip-123456789a"
	};
	static const enum mnl_attr_data_type any[HMIP_A_MAP_MAX + 1];
	const struct nlattr *tb[HMIP_A_MAP_MAX + 1] = {};
	const struct nlattr *attr, *nest;
	char addr[INET6_ADDRSTRLEN], buf[256];
	struct nlmsghdr *nlh;
	unsigned int count = 0;
	bool ok;
	int ret;

	nlh = map_parse_run(args, &ret);
	ok = !ret && nlh;
	if (ok) {
		mnl_attr_for_each(attr, nlh, GENL_HDRLEN)
			count++;
		nest = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
		ok = count == 1 && mnl_attr_get_type(nest) == HMIP_A_MAP &&
		     !nl_parse_nested(nest, tb, HMIP_A_MAP_MAX, any);
	}
	ok = ok && tb[HMIP_A_MAP_ADDR] && !addr_attr_str(tb[HMIP_A_MAP_ADDR], addr) &&
	     !strcmp(addr, "2001:db8:100::1") &&
	     tb[HMIP_A_MAP_IFINDEX] && mnl_attr_get_u32(tb[HMIP_A_MAP_IFINDEX]) == 1 &&
	     tb[HMIP_A_MAP_PREF] && mnl_attr_get_payload_len(tb[HMIP_A_MAP_PREF]) == 1 &&
	     mnl_attr_get_u8(tb[HMIP_A_MAP_PREF]) == 15 &&
	     tb[HMIP_A_MAP_MAX_LIFETIME] &&
	     mnl_attr_get_u32(tb[HMIP_A_MAP_MAX_LIFETIME]) == 600 &&
	     tb[HMIP_A_MAP_MAX_BINDINGS] &&
	     mnl_attr_get_u32(tb[HMIP_A_MAP_MAX_BINDINGS]) == 16777216 &&
	     tb[HMIP_A_MAP_REQUIRE_IPSEC] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MAP_REQUIRE_IPSEC]) == 1 &&
	     mnl_attr_get_u8(tb[HMIP_A_MAP_REQUIRE_IPSEC]) == 0 &&
	     tb[HMIP_A_MAP_MODE] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MAP_MODE]) == 1 &&
	     mnl_attr_get_u8(tb[HMIP_A_MAP_MODE]) == HMIP_MAP_MODE_ROUTED &&
	     tb[HMIP_A_MAP_TUNNEL_NAME] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MAP_TUNNEL_NAME]) == 16 &&
	     !strcmp(mnl_attr_get_str(tb[HMIP_A_MAP_TUNNEL_NAME]),
		     "hmip-123456789a") &&
	     !tb[HMIP_A_MAP_TUNNEL_IFINDEX] &&
	     !tb[HMIP_A_MAP_BINDINGS] && tb[HMIP_A_MAP_ONLINK_PREFIXES] &&
	     tb[HMIP_A_MAP_FORWARD_PREFIXES];
	if (ok) {
		prefixes_str(tb[HMIP_A_MAP_ONLINK_PREFIXES], buf, sizeof(buf));
		ok = !strcmp(buf, "2001:db8:200::/64 2001:db8:201::1/128");
		prefixes_str(tb[HMIP_A_MAP_FORWARD_PREFIXES], buf, sizeof(buf));
		ok = ok && !strcmp(buf, "2001:db8:300::/56");
	}
	check(ok, "map add: every keyword, prefixes, as attributes of HMIP_A_MAP");
	free(out_buf);
	free(err_buf);

	memset(tb, 0, sizeof(tb));
	nlh = map_parse_run("::1 onlink-prefix none", &ret);
	ok = !ret && nlh;
	if (ok) {
		nest = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
		ok = !nl_parse_nested(nest, tb, HMIP_A_MAP_MAX, any) &&
		     tb[HMIP_A_MAP_ADDR] && !tb[HMIP_A_MAP_IFINDEX] &&
		     !tb[HMIP_A_MAP_FORWARD_PREFIXES] &&
		     tb[HMIP_A_MAP_ONLINK_PREFIXES] &&
		     !mnl_attr_get_payload_len(tb[HMIP_A_MAP_ONLINK_PREFIXES]);
	}
	check(ok, "map change: \"none\" is an empty list, others are left out");
	free(out_buf);
	free(err_buf);

	memset(tb, 0, sizeof(tb));
	nlh = map_parse_cmd_run(false, "::1 mode proxy-nd", &ret);
	ok = !ret && nlh;
	if (ok) {
		nest = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
		ok = !nl_parse_nested(nest, tb, HMIP_A_MAP_MAX, any) &&
		     tb[HMIP_A_MAP_ADDR] && tb[HMIP_A_MAP_MODE] &&
		     mnl_attr_get_u8(tb[HMIP_A_MAP_MODE]) ==
		     HMIP_MAP_MODE_PROXY_ND &&
		     !tb[HMIP_A_MAP_TUNNEL_NAME] && !tb[HMIP_A_MAP_IFINDEX];
	}
	check(ok, "map change: mode proxy-nd alone");
	free(out_buf);
	free(err_buf);

	memset(tb, 0, sizeof(tb));
	nlh = map_parse_cmd_run(false, "::1 altcoa optional", &ret);
	ok = !ret && nlh;
	if (ok) {
		nest = mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN);
		ok = !nl_parse_nested(nest, tb, HMIP_A_MAP_MAX, any) &&
		     tb[HMIP_A_MAP_REQUIRE_ALTCOA] &&
		     mnl_attr_get_payload_len(tb[HMIP_A_MAP_REQUIRE_ALTCOA]) == 1 &&
		     !mnl_attr_get_u8(tb[HMIP_A_MAP_REQUIRE_ALTCOA]) &&
		     !tb[HMIP_A_MAP_REQUIRE_IPSEC];
	}
	check(ok, "map change: altcoa optional is a u8 0");
	free(out_buf);
	free(err_buf);

	map_parse_run("2001:db8::1 dev lo mode bridged", &ret);
	check_output("map add: an unknown mode", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid mode \"bridged\" (expected proxy-nd or routed); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo mode routed mode routed", &ret);
	check_output("map add: mode given twice", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: \"mode\" is given twice; try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo mode rout", &ret);
	check_output("map add: a mode is not abbreviated", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid mode \"rout\" (expected proxy-nd or routed); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo tunnel hmip-123456789ab", &ret);
	check_output("map add: a tunnel name of 16 characters", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid tunnel name \"hmip-123456789ab\" (expected 1 to 15 characters); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo tunnel a", &ret);
	check_output("map add: a tunnel name of 1 character", ret, 0, "", "");
	map_parse_cmd_run(false, "2001:db8::1 tunnel hmip7", &ret);
	check_output("map change: tunnel is refused", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map change: \"tunnel\" is only for \"map add\"; try \"hmip map help\"\n");
	map_parse_cmd_run(false, "2001:db8::1 mode routed tun", &ret);
	check_output("map change: tunnel is refused, even without a value",
		     ret, HMIP_EXIT_USAGE, "",
		     "hmip: map change: \"tunnel\" is only for \"map add\"; try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo m routed", &ret);
	check_output("map add: \"m\" is ambiguous", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: ambiguous argument \"m\" (could be: max-lifetime, max-bindings, mode); try \"hmip map help\"\n");

	map_parse_run("2001:db8::1 dev lo pref 16", &ret);
	check_output("map add: pref 16, out of the range of the help and the kernel",
		     ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid pref \"16\" (expected 0 to 15); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo max-lifetime 3", &ret);
	check_output("map add: max-lifetime 3, below the kernel's range", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid max-lifetime \"3\" (expected 4 to 262140); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo max-bindings 0", &ret);
	check_output("map add: max-bindings 0, below the kernel's range", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid max-bindings \"0\" (expected 1 to 16777216); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 dev lo pref 15 max-lifetime 262140 max-bindings 16777216",
		      &ret);
	check_output("map add: the ends of the ranges pass", ret, 0, "", "");
	map_parse_run("2001:db8::1 dev hmip-none0", &ret);
	check_output("map add: an unknown interface", ret, HMIP_EXIT_FAILURE,
		     "", "hmip: map add: no interface \"hmip-none0\"\n");
	map_parse_run("2001:db8::1 dev 0123456789abcdefg", &ret);
	check_output("map add: an interface name too long", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid dev \"0123456789abcdefg\" (expected an interface name); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 forward-prefix 2001:db8::/64 forward-prefix none",
		      &ret);
	check_output("map add: none and prefixes", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: \"forward-prefix none\" cannot go with prefixes; try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 onlink-prefix 10.0.0.0/8", &ret);
	check_output("map add: an IPv4 prefix", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid prefix \"10.0.0.0/8\" (expected ADDRESS/LEN, LEN 0 to 128); try \"hmip map help\"\n");
	map_parse_run("2001:db8::1 onlink-prefix 2001:db8::/064", &ret);
	check_output("map add: a length with a leading zero", ret, 0, "", "");
	map_parse_run("2001:db8::1 onlink-prefix 2001:db8::/0128", &ret);
	check_output("map add: a length of four digits", ret, HMIP_EXIT_USAGE,
		     "",
		     "hmip: map add: invalid prefix \"2001:db8::/0128\" (expected ADDRESS/LEN, LEN 0 to 128); try \"hmip map help\"\n");
	map_parse_run("10.0.0.1 dev lo", &ret);
	check_output("map add: an IPv4 address", ret, HMIP_EXIT_USAGE, "",
		     "hmip: map add: invalid address \"10.0.0.1\"; try \"hmip map help\"\n");
	map_parse_run("pref 3", &ret);
	check_output("map add: a keyword where ADDRESS goes", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: map add: missing ADDRESS before \"pref\"; try \"hmip map help\"\n");
}

static void test_map_attr_name(void)
{
	uint16_t path[4] = { HMIP_A_MAP, HMIP_A_MAP_ONLINK_PREFIXES,
			     HMIP_A_PREFIX, HMIP_A_PREFIX_LEN };
	const char *dev, *pref, *addr, *prefix, *mode, *tunnel;

	prefix = map_attr_name(path, 4);
	path[1] = HMIP_A_MAP_IFINDEX;
	dev = map_attr_name(path, 2);
	path[1] = HMIP_A_MAP_PREF;
	pref = map_attr_name(path, 2);
	path[1] = HMIP_A_MAP_MODE;
	mode = map_attr_name(path, 2);
	path[1] = HMIP_A_MAP_TUNNEL_NAME;
	tunnel = map_attr_name(path, 2);
	path[1] = HMIP_A_MAP_ADDR;
	addr = map_attr_name(path, 2);
	check(prefix && !strcmp(prefix, "onlink-prefix") && dev &&
	      !strcmp(dev, "dev") && pref && !strcmp(pref, "pref") && addr &&
	      !strcmp(addr, "address") && mode && !strcmp(mode, "mode") &&
	      tunnel && !strcmp(tunnel, "tunnel") && !map_attr_name(path, 1),
	      "map: errors name the keyword");
	path[0] = HMIP_A_BINDING;
	path[1] = HMIP_A_BINDING_RCOA;
	addr = binding_attr_name(path, 2);
	check(addr && !strcmp(addr, "rcoa"), "binding: errors name the keyword");
}

/* A binding as the kernel sends it, as the reply to @cmd. */
static struct nlmsghdr *binding_msg(uint8_t cmd, uint32_t event,
				    const char *rcoa, const char *map,
				    uint16_t flags)
{
	struct nlmsghdr *nlh = msg_new(cmd);
	struct nlattr *nest;

	if (event)
		mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, event);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, rcoa);
	put_addr(nlh, HMIP_A_BINDING_LCOA, "2001:db8:200::a");
	put_addr(nlh, HMIP_A_BINDING_MAP, map);
	mnl_attr_put_u16(nlh, HMIP_A_BINDING_SEQ, 65535);
	mnl_attr_put_u16(nlh, HMIP_A_BINDING_FLAGS, flags);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_LIFETIME, 600);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_REMAINING, 588);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_AGE_MS, 12345);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_REFRESHED_MS, 1299);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_TX_PACKETS, 12);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_TX_BYTES, 3400);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_RX_PACKETS, 10);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_RX_BYTES, 18446744073709551615ULL);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static int binding_show_run(struct binding_show *show, unsigned int count,
			    const char *map)
{
	static const char * const rcoas[] = {
		"2001:db8:100::a", "2001:db8:100::b"
	};
	unsigned int i;
	int ret = 0;

	capture_start();
	for (i = 0; i < count && !ret; i++)
		if (binding_show_cb(binding_msg(HMIP_CMD_BINDING_GET, 0,
						rcoas[i % 2],
						i % 2 ? "2001:db8:100::2" : map,
						i ? 0x0400 : 0xf800),
				    show) != MNL_CB_OK)
			ret = HMIP_EXIT_FAILURE;
	if (hmip_opts.json && show->list.open)
		json_close_array(&show->list.jw);
	capture_end();
	return ret;
}

static void test_binding_show(void)
{
	struct binding_show show = {};
	struct nlmsghdr *nlh;
	struct nlattr *nest;
	int ret;

	ret = binding_show_run(&show, 2, "2001:db8:100::1");
	check_output("binding show: one line per binding", ret, 0,
		     "2001:db8:100::a lcoa 2001:db8:200::a map 2001:db8:100::1 seq 65535 lifetime 600 remaining 588 flags AHLKM age 12.3s refreshed 1.2s tx 12 pkts 3400 bytes rx 10 pkts 18446744073709551615 bytes\n"
		     "2001:db8:100::b lcoa 2001:db8:200::a map 2001:db8:100::2 seq 65535 lifetime 600 remaining 588 flags none age 12.3s refreshed 1.2s tx 12 pkts 3400 bytes rx 10 pkts 18446744073709551615 bytes\n",
		     "");

	hmip_opts.json = true;
	memset(&show, 0, sizeof(show));
	ret = binding_show_run(&show, 2, "2001:db8:100::1");
	check_output("binding show -j: an array of objects", ret, 0,
		     "[{\"rcoa\":\"2001:db8:100::a\",\"lcoa\":\"2001:db8:200::a\",\"map\":\"2001:db8:100::1\",\"seq\":65535,\"flags\":\"AHLKM\",\"flags_raw\":63488,\"lifetime\":600,\"remaining\":588,\"age_ms\":12345,\"refreshed_ms\":1299,\"tx_packets\":12,\"tx_bytes\":3400,\"rx_packets\":10,\"rx_bytes\":18446744073709551615},{\"rcoa\":\"2001:db8:100::b\",\"lcoa\":\"2001:db8:200::a\",\"map\":\"2001:db8:100::2\",\"seq\":65535,\"flags\":\"\",\"flags_raw\":1024,\"lifetime\":600,\"remaining\":588,\"age_ms\":12345,\"refreshed_ms\":1299,\"tx_packets\":12,\"tx_bytes\":3400,\"rx_packets\":10,\"rx_bytes\":18446744073709551615}]\n",
		     "");

	memset(&show, 0, sizeof(show));
	show.filter = true;
	inet_pton(AF_INET6, "2001:db8:100::2", &show.map);
	ret = binding_show_run(&show, 2, "2001:db8:100::1");
	check_output("binding show -j rcoa map: another MAP's binding is left out",
		     ret, 0,
		     "[{\"rcoa\":\"2001:db8:100::b\",\"lcoa\":\"2001:db8:200::a\",\"map\":\"2001:db8:100::2\",\"seq\":65535,\"flags\":\"\",\"flags_raw\":1024,\"lifetime\":600,\"remaining\":588,\"age_ms\":12345,\"refreshed_ms\":1299,\"tx_packets\":12,\"tx_bytes\":3400,\"rx_packets\":10,\"rx_bytes\":18446744073709551615}]\n",
		     "");
	hmip_opts.json = false;

	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(map_msg("::1", false), &show);
	capture_end();
	check_output("binding show: an answer without a binding is refused",
		     ret, MNL_CB_ERROR, "",
		     "hmip: malformed answer from the kernel (no binding)\n");

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_TX_BYTES, 0);
	mnl_attr_put(nlh, HMIP_A_BINDING_PAD, 0, NULL);
	mnl_attr_put_u64(nlh, HMIP_A_BINDING_RX_PACKETS, 5);
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: the counters left out are not printed",
		     ret, MNL_CB_OK, "2001:db8:100::c tx 0 bytes rx 5 pkts\n",
		     "");
	hmip_opts.json = true;
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	json_close_array(&show.list.jw);
	capture_end();
	check_output("binding show -j: the counters left out are not printed",
		     ret, MNL_CB_OK,
		     "[{\"rcoa\":\"2001:db8:100::c\",\"tx_bytes\":0,\"rx_packets\":5}]\n",
		     "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u16(nlh, HMIP_A_BINDING_TX_PACKETS, 5);
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: a counter of two bytes is refused", ret,
		     MNL_CB_ERROR, "",
		     "hmip: malformed answer from the kernel (a binding's packet counters)\n");

	/* The security association the binding belongs to. */
	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u8(nlh, HMIP_A_BINDING_SA_PROTO, 50);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_SPI, 0x1001);
	put_addr(nlh, HMIP_A_BINDING_SA_DADDR, "2001:db8:100::1");
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: the binding's SA", ret, MNL_CB_OK,
		     "2001:db8:100::c sa esp spi 0x00001001 sa-dst 2001:db8:100::1\n",
		     "");
	hmip_opts.json = true;
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	json_close_array(&show.list.jw);
	capture_end();
	check_output("binding show -j: the binding's SA", ret, MNL_CB_OK,
		     "[{\"rcoa\":\"2001:db8:100::c\",\"sa_proto\":\"esp\",\"sa_spi\":4097,\"sa_dst\":\"2001:db8:100::1\"}]\n",
		     "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u8(nlh, HMIP_A_BINDING_SA_PROTO, 51);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_SPI, 0xffffffff);
	put_addr(nlh, HMIP_A_BINDING_SA_DADDR, "2001:db8:100::1");
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: an AH SA", ret, MNL_CB_OK,
		     "2001:db8:100::c sa ah spi 0xffffffff sa-dst 2001:db8:100::1\n",
		     "");

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u8(nlh, HMIP_A_BINDING_SA_PROTO, 50);
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: an SA without its SPI is refused", ret,
		     MNL_CB_ERROR, "",
		     "hmip: malformed answer from the kernel (a binding's security association)\n");

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_PROTO, 50);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_SPI, 1);
	put_addr(nlh, HMIP_A_BINDING_SA_DADDR, "2001:db8:100::1");
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check(ret == MNL_CB_ERROR,
	      "binding show: an SA protocol of four bytes is refused");

	/* Its peer and reqid, what a rekeyed SA keeps. */
	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	mnl_attr_put_u8(nlh, HMIP_A_BINDING_SA_PROTO, 50);
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_SPI, 0x2001);
	put_addr(nlh, HMIP_A_BINDING_SA_DADDR, "2001:db8:100::1");
	put_addr(nlh, HMIP_A_BINDING_SA_PEER, "2001:db8:200::2");
	mnl_attr_put_u32(nlh, HMIP_A_BINDING_SA_REQID, 7);
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: the SA's peer and reqid", ret, MNL_CB_OK,
		     "2001:db8:100::c sa esp spi 0x00002001 sa-dst 2001:db8:100::1 sa-peer 2001:db8:200::2 reqid 7\n",
		     "");
	hmip_opts.json = true;
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	json_close_array(&show.list.jw);
	capture_end();
	check_output("binding show -j: the SA's peer and reqid", ret, MNL_CB_OK,
		     "[{\"rcoa\":\"2001:db8:100::c\",\"sa_proto\":\"esp\",\"sa_spi\":8193,\"sa_dst\":\"2001:db8:100::1\",\"sa_peer\":\"2001:db8:200::2\",\"sa_reqid\":7}]\n",
		     "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_BINDING_GET);
	nest = mnl_attr_nest_start(nlh, HMIP_A_BINDING);
	put_addr(nlh, HMIP_A_BINDING_RCOA, "2001:db8:100::c");
	put_addr(nlh, HMIP_A_BINDING_SA_PEER, "2001:db8:200::2");
	mnl_attr_nest_end(nlh, nest);
	memset(&show, 0, sizeof(show));
	capture_start();
	ret = binding_show_cb(nlh, &show);
	capture_end();
	check_output("binding show: an SA peer without its SA is refused", ret,
		     MNL_CB_ERROR, "",
		     "hmip: malformed answer from the kernel (a binding's security association)\n");
}

/* Many bindings: printed as they come, nothing kept. */
static void test_binding_many(void)
{
	struct binding_show show = {};
	struct nlmsghdr *nlh;
	unsigned int i, bad = 0;
	FILE *out = stdout;

	stdout = fopen("/dev/null", "w");
	nlh = binding_msg(HMIP_CMD_BINDING_GET, 0, "2001:db8:100::a",
			  "2001:db8:100::1", 0x8800);
	for (i = 0; i < 100000; i++)
		bad += binding_show_cb(nlh, &show) != MNL_CB_OK;
	fclose(stdout);
	stdout = out;
	check(!bad, "binding show: 100000 bindings");
}

/**
 * struct event_name - an event and the name "hmip monitor" gives it
 * @type: HMIP_EVENT_*
 * @name: its name
 */
struct event_name {
	uint32_t type;
	const char *name;
};

/*
 * monitor_cb() on the event @msg makes of each of @events: a line of its
 * name, then @tail.
 */
static void check_events(const struct event_name *events, size_t count,
			 struct nlmsghdr *(*msg)(uint32_t type),
			 const char *tail)
{
	struct monitor mon = {};
	char name[64], out[512];
	size_t i;
	int ret;

	for (i = 0; i < count; i++) {
		capture_start();
		ret = monitor_cb(msg(events[i].type), &mon);
		capture_end();
		snprintf(name, sizeof(name), "monitor: %s", events[i].name);
		snprintf(out, sizeof(out), "%s%s\n", events[i].name, tail);
		check_output(name, ret, MNL_CB_OK, out, "");
	}
}

static struct nlmsghdr *binding_event_msg(uint32_t type)
{
	return binding_msg(HMIP_CMD_EVENT, type, "2001:db8:100::a",
			   "2001:db8:100::1", 0x8800);
}

/* OBJECT filters and -t/-ts (monitor_cb() with mon.objects, timestamp). */
static void test_monitor_filter(void)
{
	static const char json_ts[] =
		"{\"event\":\"config-changed\",\"timestamp\":\"";
	struct monitor mon = { .objects = MON_MAP };
	struct nlmsghdr *nlh;
	bool ok;
	int ret;

	capture_start();
	ret = monitor_cb(config_msg(HMIP_CMD_EVENT, 0, 1), &mon);
	capture_end();
	check_output("monitor map: config-changed is left out", ret, MNL_CB_OK,
		     "", "");
	nlh = msg_new(HMIP_CMD_EVENT);
	mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, 42);
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor map: an unknown event is left out", ret,
		     MNL_CB_OK, "", "");
	mon.objects = MON_BINDING | MON_CONFIG;
	capture_start();
	ret = monitor_cb(binding_event_msg(HMIP_EVENT_BINDING_CREATED), &mon);
	capture_end();
	ok = ret == MNL_CB_OK && !strncmp(out_buf, "binding-created ", 16);
	check(ok, "monitor binding config: a binding event is printed");
	free(out_buf);
	free(err_buf);

	hmip_opts.timestamp = 2;
	capture_start();
	ret = monitor_cb(config_msg(HMIP_CMD_EVENT, 0, 1), &mon);
	capture_end();
	/* "[2026-12-05T06:40:00.123456] config-changed ..." */
	ok = ret == MNL_CB_OK && out_buf[0] == '[' && strlen(out_buf) > 28 &&
	     out_buf[11] == 'T' && out_buf[20] == '.' &&
	     !strncmp(out_buf + 27, "] config-changed ", 17);
	check(ok, "monitor -ts: [date.usec] before the event");
	if (!ok)
		printf("#   stdout: %s", out_buf);
	free(out_buf);
	free(err_buf);

	hmip_opts.timestamp = 1;
	capture_start();
	ret = monitor_cb(config_msg(HMIP_CMD_EVENT, 0, 1), &mon);
	capture_end();
	ok = ret == MNL_CB_OK && !strncmp(out_buf, "Timestamp: ", 11) &&
	     strstr(out_buf, " usec\nconfig-changed ");
	check(ok, "monitor -t: a Timestamp line before the event");
	if (!ok)
		printf("#   stdout: %s", out_buf);
	free(out_buf);
	free(err_buf);

	hmip_opts.json = true;
	capture_start();
	ret = monitor_cb(config_msg(HMIP_CMD_EVENT, 0, 1), &mon);
	capture_end();
	ok = ret == MNL_CB_OK &&
	     !strncmp(out_buf, json_ts, strlen(json_ts));
	check(ok, "monitor -j -t: a timestamp member");
	if (!ok)
		printf("#   stdout: %s", out_buf);
	free(out_buf);
	free(err_buf);
	hmip_opts.json = false;
	hmip_opts.timestamp = 0;
}

static void test_monitor_binding(void)
{
	static const struct event_name events[] = {
		{ HMIP_EVENT_BINDING_CREATED, "binding-created" },
		{ HMIP_EVENT_BINDING_REFRESHED, "binding-refreshed" },
		{ HMIP_EVENT_BINDING_LCOA_CHANGED, "binding-lcoa-changed" },
		{ HMIP_EVENT_BINDING_DELETED, "binding-deleted" },
		{ HMIP_EVENT_BINDING_EXPIRED, "binding-expired" },
	};
	struct monitor mon = {};
	struct nlmsghdr *nlh;
	int ret;

	check_events(events, ARRAY_SIZE(events), binding_event_msg,
		     " 2001:db8:100::a lcoa 2001:db8:200::a map 2001:db8:100::1 seq 65535 lifetime 600");

	nlh = binding_event_msg(HMIP_EVENT_BINDING_EXPIRED);
	hmip_opts.json = true;
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor -j: a binding event", ret, MNL_CB_OK,
		     "{\"event\":\"binding-expired\",\"rcoa\":\"2001:db8:100::a\",\"lcoa\":\"2001:db8:200::a\",\"map\":\"2001:db8:100::1\",\"seq\":65535,\"flags\":\"AM\",\"flags_raw\":34816,\"lifetime\":600,\"remaining\":588,\"age_ms\":12345,\"refreshed_ms\":1299,\"tx_packets\":12,\"tx_bytes\":3400,\"rx_packets\":10,\"rx_bytes\":18446744073709551615}\n",
		     "");
	hmip_opts.json = false;

	nlh = msg_new(HMIP_CMD_EVENT);
	mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, HMIP_EVENT_BINDING_CREATED);
	mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh, HMIP_A_BINDING));
	capture_start();
	ret = monitor_cb(nlh, &mon);
	capture_end();
	check_output("monitor: a binding without its RCoA is refused", ret,
		     MNL_CB_ERROR, "binding-created\n",
		     "hmip: malformed answer from the kernel (a binding without its RCoA)\n");
}

/* Run ar_parse() on @line and @more; on success the request, else NULL. */
static struct nlmsghdr *ar_parse_run(const char *line, const char *more,
				     int *ret)
{
	const char *argv[32];
	struct ar_args args;
	struct nlmsghdr *nlh = NULL;
	char words[256];
	int argc;

	snprintf(words, sizeof(words), "%s %s", line, more);
	argc = split_words(words, argv);
	cli_set_context("ar", "add");
	capture_start();
	*ret = ar_parse(argc, argv, &args);
	/* the interfaces named, looked up as nl_open() has them looked up */
	if (!*ret)
		*ret = iface_resolve();
	else
		iface_forget();
	capture_end();
	cli_set_context(NULL, NULL);
	if (!*ret) {
		nlh = msg_new(HMIP_CMD_AR_ADD);
		ar_put(nlh, &args);
	}
	return nlh;
}

static void test_ar_parse(void)
{
	static const enum mnl_attr_data_type any[HMIP_A_AR_MAX + 1];
	const struct nlattr *tb[HMIP_A_MAX + 1] = {};
	const struct nlattr *ar[HMIP_A_AR_MAX + 1] = {};
	struct in6_addr want;
	struct nlmsghdr *nlh;
	bool ok;
	int ret;

	nlh = ar_parse_run("dev lo map 2001:db8::1 dist 2 pref 7 valid-lifetime 600",
			   "rflag off watch on probe-i 1000 retry-i 500 retry-t 1500",
			   &ret);
	inet_pton(AF_INET6, "2001:db8::1", &want);
	ok = !ret && nlh && !nl_parse(nlh, tb, HMIP_A_MAX, any) &&
	     tb[HMIP_A_AR] &&
	     !nl_parse_nested(tb[HMIP_A_AR], ar, HMIP_A_AR_MAX, any) &&
	     ar[HMIP_A_AR_IFINDEX] &&
	     mnl_attr_get_u32(ar[HMIP_A_AR_IFINDEX]) == if_nametoindex("lo") &&
	     ar[HMIP_A_AR_MAP_ADDR] &&
	     !memcmp(mnl_attr_get_payload(ar[HMIP_A_AR_MAP_ADDR]), &want,
		     sizeof(want)) &&
	     mnl_attr_get_payload_len(ar[HMIP_A_AR_DIST]) == 1 &&
	     mnl_attr_get_u8(ar[HMIP_A_AR_DIST]) == 2 &&
	     mnl_attr_get_u8(ar[HMIP_A_AR_PREF]) == 7 &&
	     mnl_attr_get_u32(ar[HMIP_A_AR_VALID_LIFETIME]) == 600 &&
	     mnl_attr_get_u8(ar[HMIP_A_AR_RFLAG]) == 0 &&
	     mnl_attr_get_u8(ar[HMIP_A_AR_WATCH]) == 1 &&
	     mnl_attr_get_u32(ar[HMIP_A_AR_PROBE_MS]) == 1000 &&
	     mnl_attr_get_u32(ar[HMIP_A_AR_RETRY_MS]) == 500 &&
	     mnl_attr_get_u32(ar[HMIP_A_AR_RETRY_TIME_MS]) == 1500 &&
	     !ar[HMIP_A_AR_RELAY_FROM];
	check(ok, "ar add: every keyword, as attributes of HMIP_A_AR");
	free(out_buf);
	free(err_buf);

	ar_parse_run("dev lo relay-from lo", "", &ret);
	check_output("ar add: a relay", ret, 0, "", "");
	ar_parse_run("dev lo map 2001:db8::1 dist 0", "", &ret);
	check_output("ar add: dist 0 is refused before the kernel", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid dist \"0\" (expected 1 to 15); try \"hmip ar help\"\n");
	ar_parse_run("map 2001:db8::1", "", &ret);
	check_output("ar add: dev is required", ret, HMIP_EXIT_USAGE, "",
		     "hmip: ar add: missing \"dev IFACE\"; try \"hmip ar help\"\n");
	ar_parse_run("dev lo", "", &ret);
	check_output("ar add: map, relay-from or neighbour is required", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: give one of \"map ADDRESS\", \"relay-from IFACE\", \"neighbour ADDRESS\"; try \"hmip ar help\"\n");
	nlh = ar_parse_run("dev lo neighbour 2001:db8:2::1",
			   "prefix 2001:db8:2::/64 ap 02:00:00:00:00:aa lla 2:0:0:0:0:bb",
			   &ret);
	memset(ar, 0, sizeof(ar));
	inet_pton(AF_INET6, "2001:db8:2::1", &want);
	ok = !ret && nlh && !nl_parse(nlh, tb, HMIP_A_MAX, any) &&
	     tb[HMIP_A_AR] &&
	     !nl_parse_nested(tb[HMIP_A_AR], ar, HMIP_A_AR_MAX, any) &&
	     ar[HMIP_A_AR_NEIGHBOUR] &&
	     !memcmp(mnl_attr_get_payload(ar[HMIP_A_AR_NEIGHBOUR]), &want,
		     sizeof(want)) &&
	     ar[HMIP_A_AR_NBR_PREFIX_LEN] &&
	     mnl_attr_get_u8(ar[HMIP_A_AR_NBR_PREFIX_LEN]) == 64 &&
	     ar[HMIP_A_AR_NBR_AP] &&
	     mnl_attr_get_payload_len(ar[HMIP_A_AR_NBR_AP]) == 6 &&
	     !memcmp(mnl_attr_get_payload(ar[HMIP_A_AR_NBR_AP]),
		     "\x02\0\0\0\0\xaa", 6) &&
	     ar[HMIP_A_AR_NBR_LLA] &&
	     !memcmp(mnl_attr_get_payload(ar[HMIP_A_AR_NBR_LLA]),
		     "\x02\0\0\0\0\xbb", 6) &&
	     !ar[HMIP_A_AR_MAP_ADDR];
	check(ok, "ar add: a neighbour, its prefix and link-layer addresses as attributes");
	free(out_buf);
	free(err_buf);
	ar_parse_run("dev lo neighbour 2001:db8:2::1 ap 02:00:zz", "", &ret);
	check_output("ar add: ap takes hexadecimal octets", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid ap \"02:00:zz\" (expected 1-16 hex octets, colon-separated); try \"hmip ar help\"\n");
	ar_parse_run("dev lo neighbour 2001:db8:2::1 ap 123:00", "", &ret);
	check_output("ar add: an octet of three digits is refused", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid ap \"123:00\" (expected 1-16 hex octets, colon-separated); try \"hmip ar help\"\n");
	ar_parse_run("dev lo map 2001:db8::1 rflag maybe", "", &ret);
	check_output("ar add: rflag takes on or off", ret, HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid rflag \"maybe\" (expected on or off); try \"hmip ar help\"\n");
	ar_parse_run("dev lo map 2001:db8::1 pref 16", "", &ret);
	check_output("ar add: pref 16, out of the range of the help and the kernel",
		     ret, HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid pref \"16\" (expected 0 to 15); try \"hmip ar help\"\n");
	ar_parse_run("dev lo map 2001:db8::1 probe-interval 99", "", &ret);
	check_output("ar add: probe-interval 99, below the kernel's range", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid probe-interval \"99\" (expected 100 to 3600000); try \"hmip ar help\"\n");
	ar_parse_run("dev lo map 2001:db8::1 retry-time 3600001", "", &ret);
	check_output("ar add: retry-time 3600001, above the kernel's range", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: ar add: invalid retry-time \"3600001\" (expected 0 to 3600000); try \"hmip ar help\"\n");
	ar_parse_run("dev lo map 2001:db8::1 dist 15 pref 0 probe-interval 3600000",
		     "retry-interval 100 retry-time 0", &ret);
	check_output("ar add: the ends of the ranges pass", ret, 0, "", "");
}

static struct nlmsghdr *ar_msg(uint8_t cmd, uint8_t kind)
{
	struct nlmsghdr *nlh = msg_new(cmd);
	struct nlattr *nest;

	if (cmd == HMIP_CMD_EVENT)
		mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE,
				 HMIP_EVENT_AR_MAP_FAILED);
	nest = mnl_attr_nest_start(nlh, HMIP_A_AR);
	mnl_attr_put_u8(nlh, HMIP_A_AR_KIND, kind);
	mnl_attr_put_u32(nlh, HMIP_A_AR_IFINDEX, if_nametoindex("lo"));
	if (kind == HMIP_AR_KIND_RELAY) {
		mnl_attr_put_u32(nlh, HMIP_A_AR_RELAY_FROM, 1000000);
	} else {
		put_addr(nlh, HMIP_A_AR_MAP_ADDR, "2001:db8:100::1");
		mnl_attr_put_u8(nlh, HMIP_A_AR_DIST, 2);
		mnl_attr_put_u8(nlh, HMIP_A_AR_PREF, 10);
		mnl_attr_put_u32(nlh, HMIP_A_AR_VALID_LIFETIME, 3600);
		mnl_attr_put_u8(nlh, HMIP_A_AR_RFLAG, 1);
	}
	if (kind == HMIP_AR_KIND_STATIC) {
		mnl_attr_put_u8(nlh, HMIP_A_AR_WATCH, 1);
		mnl_attr_put_u32(nlh, HMIP_A_AR_PROBE_MS, 10000);
		mnl_attr_put_u32(nlh, HMIP_A_AR_RETRY_MS, 5000);
		mnl_attr_put_u32(nlh, HMIP_A_AR_RETRY_TIME_MS, 15000);
		mnl_attr_put_u8(nlh, HMIP_A_AR_WATCH_STATE,
				HMIP_AR_WATCH_FAILED);
	}
	if (kind == HMIP_AR_KIND_LEARNED)
		mnl_attr_put_u32(nlh, HMIP_A_AR_REMAINING, 3590);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void test_ar_show(void)
{
	struct monitor mon = {};
	struct show show = {};
	int ret;

	capture_start();
	ret = ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_STATIC), &show);
	ret |= ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_RELAY), &show);
	ret |= ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_LEARNED),
			  &show);
	capture_end();
	check_output("ar show: one line per entry, as ar add reads it", ret,
		     MNL_CB_OK,
		     "dev lo map 2001:db8:100::1 dist 2 pref 10 valid-lifetime 3600 rflag on watch on probe-interval 10000 retry-interval 5000 retry-time 15000 state failed\n"
		     "dev lo relay-from if1000000\n"
		     "learned dev lo map 2001:db8:100::1 dist 2 pref 10 valid-lifetime 3600 rflag on remaining 3590\n",
		     "");

	hmip_opts.save = true;
	capture_start();
	ret = ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_STATIC), &show);
	ret |= ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_RELAY), &show);
	ret |= ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_LEARNED),
			  &show);
	capture_end();
	hmip_opts.save = false;
	check_output("save: ar replace per option and relay, no state, nothing learned",
		     ret, MNL_CB_OK,
		     "ar replace dev lo map 2001:db8:100::1 dist 2 pref 10 valid-lifetime 3600 rflag on watch on probe-interval 10000 retry-interval 5000 retry-time 15000\n"
		     "ar replace dev lo relay-from if1000000\n",
		     "");

	hmip_opts.json = true;
	capture_start();
	ret = ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_RELAY), &show);
	ret |= ar_show_cb(ar_msg(HMIP_CMD_AR_GET, HMIP_AR_KIND_LEARNED),
			  &show);
	show_end(&show, 0);
	capture_end();
	check_output("ar show -j: an array of objects", ret, MNL_CB_OK,
		     "[{\"kind\":\"relay\",\"dev\":\"lo\",\"ifindex\":1,\"relay_from\":null},{\"kind\":\"learned\",\"dev\":\"lo\",\"ifindex\":1,\"map\":\"2001:db8:100::1\",\"dist\":2,\"pref\":10,\"valid_lifetime\":3600,\"rflag\":true,\"remaining\":3590}]\n",
		     "");

	capture_start();
	ret = monitor_cb(ar_msg(HMIP_CMD_EVENT, HMIP_AR_KIND_STATIC), &mon);
	capture_end();
	check_output("monitor -j: ar-map-failed", ret, MNL_CB_OK,
		     "{\"event\":\"ar-map-failed\",\"kind\":\"static\",\"dev\":\"lo\",\"ifindex\":1,\"map\":\"2001:db8:100::1\",\"dist\":2,\"pref\":10,\"valid_lifetime\":3600,\"rflag\":true,\"watch\":true,\"probe_interval_ms\":10000,\"retry_interval_ms\":5000,\"retry_time_ms\":15000,\"state\":\"failed\"}\n",
		     "");
	hmip_opts.json = false;
}

/* Run mn_parse() on @line as "mn @cmd"; on success the request, else NULL. */
static struct nlmsghdr *mn_parse_run(const char *cmd, unsigned int allowed,
				     const char *line, int *ret)
{
	const char *argv[32];
	struct mn_args args;
	struct nlmsghdr *nlh = NULL;
	int argc = split_words(line, argv);

	cli_set_context("mn", cmd);
	capture_start();
	*ret = mn_parse(argc, argv, allowed, &args);
	/* the interfaces named, looked up as nl_open() has them looked up */
	if (!*ret)
		*ret = iface_resolve();
	else
		iface_forget();
	capture_end();
	cli_set_context(NULL, NULL);
	if (!*ret) {
		nlh = msg_new(HMIP_CMD_MN_ADD);
		mn_put(nlh, &args);
	}
	return nlh;
}

/* The attributes of the HMIP_A_MN nest of a request, into @tb. */
static bool mn_request_parse(const struct nlmsghdr *nlh,
			     const struct nlattr **tb)
{
	static const enum mnl_attr_data_type any[HMIP_A_MAX + 1];
	const struct nlattr *top[HMIP_A_MAX + 1] = {};

	return nlh && !nl_parse(nlh, top, HMIP_A_MAX, any) && top[HMIP_A_MN] &&
	       !nl_parse_nested(top[HMIP_A_MN], tb, HMIP_A_MN_MAX, any);
}

static void test_mn_parse(void)
{
	const struct nlattr *tb[HMIP_A_MN_MAX + 1] = {};
	struct in6_addr want;
	uint16_t path[2] = { HMIP_A_MN, HMIP_A_MN_LIFETIME };
	struct nlmsghdr *nlh;
	bool ok;
	int ret;

	nlh = mn_parse_run("add", MN_KW_ALL,
			   "dev lo p nearest l 600 re off t hmipmn7 rf 4140", &ret);
	ok = !ret && mn_request_parse(nlh, tb) && tb[HMIP_A_MN_IFINDEX] &&
	     mnl_attr_get_u32(tb[HMIP_A_MN_IFINDEX]) == if_nametoindex("lo") &&
	     tb[HMIP_A_MN_POLICY] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MN_POLICY]) == 1 &&
	     mnl_attr_get_u8(tb[HMIP_A_MN_POLICY]) == HMIP_MN_POLICY_NEAREST &&
	     tb[HMIP_A_MN_LIFETIME] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MN_LIFETIME]) == 4 &&
	     mnl_attr_get_u32(tb[HMIP_A_MN_LIFETIME]) == 600 &&
	     tb[HMIP_A_MN_REQUIRE_IPSEC] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MN_REQUIRE_IPSEC]) == 1 &&
	     mnl_attr_get_u8(tb[HMIP_A_MN_REQUIRE_IPSEC]) == 0 &&
	     tb[HMIP_A_MN_TUNNEL_NAME] &&
	     !strcmp(mnl_attr_get_str(tb[HMIP_A_MN_TUNNEL_NAME]), "hmipmn7") &&
	     tb[HMIP_A_MN_RFC] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MN_RFC]) == 2 &&
	     mnl_attr_get_u16(tb[HMIP_A_MN_RFC]) == HMIP_RFC_4140 &&
	     !tb[HMIP_A_MN_FIXED_MAP];
	check(ok, "mn add: every keyword, as attributes of HMIP_A_MN");
	free(out_buf);
	free(err_buf);

	memset(tb, 0, sizeof(tb));
	nlh = mn_parse_run("change", MN_KW_ALL, "dev lo map 2001:db8:100::1",
			   &ret);
	inet_pton(AF_INET6, "2001:db8:100::1", &want);
	ok = !ret && mn_request_parse(nlh, tb) && tb[HMIP_A_MN_IFINDEX] &&
	     tb[HMIP_A_MN_POLICY] &&
	     mnl_attr_get_u8(tb[HMIP_A_MN_POLICY]) == HMIP_MN_POLICY_FIXED &&
	     tb[HMIP_A_MN_FIXED_MAP] &&
	     mnl_attr_get_payload_len(tb[HMIP_A_MN_FIXED_MAP]) == sizeof(want) &&
	     !memcmp(mnl_attr_get_payload(tb[HMIP_A_MN_FIXED_MAP]), &want,
		     sizeof(want)) &&
	     !tb[HMIP_A_MN_LIFETIME] && !tb[HMIP_A_MN_TUNNEL_NAME];
	check(ok, "mn change: map alone brings policy fixed");
	free(out_buf);
	free(err_buf);

	mn_parse_run("add", MN_KW_ALL, "dev lo policy fixed map ::1 l 4", &ret);
	check_output("mn add: policy fixed with its map, lifetime 4", ret, 0,
		     "", "");
	mn_parse_run("add", MN_KW_ALL, "dev lo lifetime 262140", &ret);
	check_output("mn add: lifetime 262140", ret, 0, "", "");
	mn_parse_run("add", MN_KW_ALL, "dev lo policy fixed", &ret);
	check_output("mn add: policy fixed needs a map", ret, HMIP_EXIT_USAGE,
		     "",
		     "hmip: mn add: \"policy fixed\" needs \"map ADDRESS\"; try \"hmip mn help\"\n");
	mn_parse_run("add", MN_KW_ALL, "dev lo map ::1 policy furthest", &ret);
	check_output("mn add: a map with another policy", ret, HMIP_EXIT_USAGE,
		     "",
		     "hmip: mn add: \"map ADDRESS\" goes with \"policy fixed\" only; try \"hmip mn help\"\n");
	mn_parse_run("add", MN_KW_ALL, "dev lo policy near", &ret);
	check_output("mn add: a policy is not abbreviated", ret,
		     HMIP_EXIT_USAGE, "",
		     "hmip: mn add: invalid policy \"near\" (expected furthest, nearest or fixed); try \"hmip mn help\"\n");
	mn_parse_run("add", MN_KW_ALL, "dev lo lifetime 3", &ret);
	check_output("mn add: lifetime 3", ret, HMIP_EXIT_USAGE, "",
		     "hmip: mn add: invalid lifetime \"3\" (expected 4 to 262140); try \"hmip mn help\"\n");
	mn_parse_run("add", MN_KW_ALL, "dev lo lifetime 262141", &ret);
	check_output("mn add: lifetime 262141", ret, HMIP_EXIT_USAGE, "",
		     "hmip: mn add: invalid lifetime \"262141\" (expected 4 to 262140); try \"hmip mn help\"\n");
	mn_parse_run("change", MN_KW_ALL & ~(1U << MN_KW_TUNNEL),
		     "dev lo tunnel x", &ret);
	check_output("mn change: tunnel is refused", ret, HMIP_EXIT_USAGE, "",
		     "hmip: mn change: \"tunnel\" is only for \"mn add\"; try \"hmip mn help\"\n");
	mn_parse_run("del", 1U << MN_KW_DEV, "dev lo lifetime 600", &ret);
	check_output("mn del: dev only", ret, HMIP_EXIT_USAGE, "",
		     "hmip: mn del: unexpected argument \"lifetime\"; try \"hmip mn help\"\n");
	mn_parse_run("add", MN_KW_ALL, "dev hmip-none0", &ret);
	check_output("mn add: an unknown interface", ret, HMIP_EXIT_FAILURE, "",
		     "hmip: mn add: no interface \"hmip-none0\"\n");

	check(!strcmp(mn_attr_name(path, 2), "lifetime") &&
	      !mn_attr_name(path, 1) && !mn_attr_name(path, 3),
	      "mn: errors name the keyword");
}

/* A registration, current or not, in the HMIP_A_MN nest being built. */
static void mn_put_reg(struct nlmsghdr *nlh, const char *map, bool current,
		       uint8_t state)
{
	struct nlattr *reg = mnl_attr_nest_start(nlh, HMIP_A_MN_REG);

	put_addr(nlh, HMIP_A_MN_REG_MAP, map);
	put_addr(nlh, HMIP_A_MN_REG_RCOA, "2001:db8:100::5");
	put_addr(nlh, HMIP_A_MN_REG_LCOA, "2001:db8:200::5");
	mnl_attr_put_u8(nlh, HMIP_A_MN_REG_CURRENT, current);
	mnl_attr_put_u8(nlh, HMIP_A_MN_REG_STATE, state);
	mnl_attr_put_u16(nlh, HMIP_A_MN_REG_SEQ, 7);
	mnl_attr_put_u32(nlh, HMIP_A_MN_REG_LIFETIME, 600);
	mnl_attr_put_u32(nlh, HMIP_A_MN_REG_REMAINING, 583);
	if (current)
		mnl_attr_put_u32(nlh, HMIP_A_MN_REG_NEXT_MS, 441000);
	mnl_attr_put_u8(nlh, HMIP_A_MN_REG_STATUS, current ? 0 : 129);
	mnl_attr_put_u32(nlh, HMIP_A_MN_REG_RETRIES, 0);
	mnl_attr_nest_end(nlh, reg);
}

/*
 * A mobile node on lo as the kernel sends it, as the reply to @cmd, or
 * the event @event: settings, where it is, an option heard between two
 * registrations.
 */
static struct nlmsghdr *mn_msg(uint8_t cmd, uint32_t event)
{
	struct nlmsghdr *nlh = msg_new(cmd);
	struct nlattr *nest, *opt;

	if (event)
		mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, event);
	nest = mnl_attr_nest_start(nlh, HMIP_A_MN);
	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 1);
	mnl_attr_put_u8(nlh, HMIP_A_MN_POLICY, HMIP_MN_POLICY_FIXED);
	put_addr(nlh, HMIP_A_MN_FIXED_MAP, "2001:db8:100::1");
	mnl_attr_put_u32(nlh, HMIP_A_MN_LIFETIME, 600);
	mnl_attr_put_u8(nlh, HMIP_A_MN_REQUIRE_IPSEC, 1);
	mnl_attr_put_u32(nlh, HMIP_A_MN_TUNNEL_IFINDEX, 0x7ffffff1);
	put_addr(nlh, HMIP_A_MN_LCOA, "2001:db8:200::5");
	put_addr(nlh, HMIP_A_MN_ROUTER, "fe80::1");
	mn_put_reg(nlh, "2001:db8:101::1", false, HMIP_MN_REG_REJECTED);
	opt = mnl_attr_nest_start(nlh, HMIP_A_MN_OPT);
	put_addr(nlh, HMIP_A_MN_OPT_MAP, "2001:db8:100::1");
	mnl_attr_put_u8(nlh, HMIP_A_MN_OPT_DIST, 2);
	mnl_attr_put_u8(nlh, HMIP_A_MN_OPT_PREF, 10);
	mnl_attr_put_u8(nlh, HMIP_A_MN_OPT_RFLAG, 1);
	mnl_attr_put_u32(nlh, HMIP_A_MN_OPT_VALID_LIFETIME, 3600);
	mnl_attr_put_u32(nlh, HMIP_A_MN_OPT_REMAINING, 3590);
	put_addr(nlh, HMIP_A_MN_OPT_ROUTER, "fe80::1");
	mnl_attr_put_u32(nlh, HMIP_A_MN_OPT_MAX + 1, 7);
	mnl_attr_nest_end(nlh, opt);
	mn_put_reg(nlh, "2001:db8:100::1", true, HMIP_MN_REG_REGISTERED);
	mnl_attr_put_u32(nlh, HMIP_A_MN_MOVES, 2);
	mnl_attr_put_u32(nlh, HMIP_A_MN_HANDOVER_MS, 35);
	mnl_attr_put_u32(nlh, HMIP_A_MN_MAX + 1, 7);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

/* mn_show_cb() on @nlh, then show_end() */
static int mn_show_run(const struct nlmsghdr *nlh)
{
	struct show show = {};
	int ret;

	capture_start();
	ret = mn_show_cb(nlh, &show) == MNL_CB_OK ? 0 : HMIP_EXIT_FAILURE;
	show_end(&show, ret);
	capture_end();
	return ret;
}

/*
 * A mobile node with the attributes @put adds to its nest: the answer to
 * "mn show", or the event @event.
 */
static struct nlmsghdr *mn_msg_with(uint32_t event,
				    void (*put)(struct nlmsghdr *nlh))
{
	struct nlmsghdr *nlh = msg_new(event ? HMIP_CMD_EVENT : HMIP_CMD_MN_GET);
	struct nlattr *nest;

	if (event)
		mnl_attr_put_u32(nlh, HMIP_A_EVENT_TYPE, event);
	nest = mnl_attr_nest_start(nlh, HMIP_A_MN);
	put(nlh);
	mnl_attr_nest_end(nlh, nest);
	return nlh;
}

static void mn_put_unknown(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 0x7ffffff0);
	mnl_attr_put_u8(nlh, HMIP_A_MN_POLICY, 9);
	mn_put_reg(nlh, "::1", true, 9);
}

static void mn_put_lost(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 1);
	put_addr(nlh, HMIP_A_MN_LCOA, "2001:db8:200::5");
	mn_put_reg(nlh, "2001:db8:100::1", false, HMIP_MN_REG_REGISTERED);
}

static void mn_put_no_ifindex(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, HMIP_A_MN_LIFETIME, 600);
}

static void mn_put_reg_no_map(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 1);
	mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh, HMIP_A_MN_REG));
}

static void mn_put_bad_seq(struct nlmsghdr *nlh)
{
	struct nlattr *reg;

	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 1);
	reg = mnl_attr_nest_start(nlh, HMIP_A_MN_REG);
	put_addr(nlh, HMIP_A_MN_REG_MAP, "::1");
	mnl_attr_put_u32(nlh, HMIP_A_MN_REG_SEQ, 7);
	mnl_attr_nest_end(nlh, reg);
}

static void mn_put_bad_lcoa(struct nlmsghdr *nlh)
{
	mnl_attr_put_u32(nlh, HMIP_A_MN_IFINDEX, 1);
	mnl_attr_put_u32(nlh, HMIP_A_MN_LCOA, 7);
}

static void test_mn_show(void)
{
	int ret;

	ret = mn_show_run(mn_msg(HMIP_CMD_MN_GET, 0));
	check_output("mn show: a block of lines per interface", ret, 0,
		     "lo: policy fixed map 2001:db8:100::1 lifetime 600 require-ipsec on tunnel if2147483633\n"
		     "    lcoa 2001:db8:200::5 router fe80::1 moves 2 handover 35ms\n"
		     "    map 2001:db8:101::1 rcoa 2001:db8:100::5 lcoa 2001:db8:200::5 previous rejected seq 7 lifetime 600 remaining 583 status 129 retries 0\n"
		     "    map 2001:db8:100::1 rcoa 2001:db8:100::5 lcoa 2001:db8:200::5 current registered seq 7 lifetime 600 remaining 583 next 441000ms status 0 retries 0\n"
		     "    option 2001:db8:100::1 dist 2 pref 10 rflag on valid-lifetime 3600 remaining 3590 router fe80::1\n",
		     "");
	hmip_opts.save = true;
	ret = mn_show_run(mn_msg(HMIP_CMD_MN_GET, 0));
	hmip_opts.save = false;
	check_output("save: an mn replace per interface, the settings alone",
		     ret, 0,
		     "mn replace dev lo policy fixed map 2001:db8:100::1 lifetime 600 require-ipsec on tunnel if2147483633\n",
		     "");
	hmip_opts.json = true;
	ret = mn_show_run(mn_msg(HMIP_CMD_MN_GET, 0));
	check_output("mn show -j: an array of objects", ret, 0,
		     "[{\"dev\":\"lo\",\"ifindex\":1,\"policy\":\"fixed\",\"fixed_map\":\"2001:db8:100::1\",\"lifetime\":600,\"require_ipsec\":true,\"tunnel\":null,\"tunnel_ifindex\":2147483633,\"lcoa\":\"2001:db8:200::5\",\"router\":\"fe80::1\",\"moves\":2,\"handover_ms\":35,\"registrations\":[{\"map\":\"2001:db8:101::1\",\"rcoa\":\"2001:db8:100::5\",\"lcoa\":\"2001:db8:200::5\",\"current\":false,\"state\":\"rejected\",\"seq\":7,\"lifetime\":600,\"remaining\":583,\"status\":129,\"retries\":0},{\"map\":\"2001:db8:100::1\",\"rcoa\":\"2001:db8:100::5\",\"lcoa\":\"2001:db8:200::5\",\"current\":true,\"state\":\"registered\",\"seq\":7,\"lifetime\":600,\"remaining\":583,\"next_ms\":441000,\"status\":0,\"retries\":0}],\"options\":[{\"map\":\"2001:db8:100::1\",\"dist\":2,\"pref\":10,\"rflag\":true,\"valid_lifetime\":3600,\"remaining\":3590,\"router\":\"fe80::1\"}]}]\n",
		     "");

	ret = mn_show_run(mn_msg_with(0, mn_put_unknown));
	check_output("mn show -j: values the tool does not know, as numbers",
		     ret, 0,
		     "[{\"dev\":null,\"ifindex\":2147483632,\"policy\":\"9\",\"registrations\":[{\"map\":\"::1\",\"rcoa\":\"2001:db8:100::5\",\"lcoa\":\"2001:db8:200::5\",\"current\":true,\"state\":\"9\",\"seq\":7,\"lifetime\":600,\"remaining\":583,\"next_ms\":441000,\"status\":0,\"retries\":0}]}]\n",
		     "");
	ret = mn_show_run(msg_new(HMIP_CMD_MN_GET));
	check_output("mn show -j: an answer without a mobile node is refused",
		     ret, HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (no mobile node)\n");
	hmip_opts.json = false;

	ret = mn_show_run(mn_msg_with(0, mn_put_unknown));
	check_output("mn show: values the tool does not know, as numbers",
		     ret, 0,
		     "if2147483632: policy 9\n"
		     "    map ::1 rcoa 2001:db8:100::5 lcoa 2001:db8:200::5 current state 9 seq 7 lifetime 600 remaining 583 next 441000ms status 0 retries 0\n",
		     "");
	ret = mn_show_run(mn_msg_with(0, mn_put_no_ifindex));
	check_output("mn show: a mobile node without its interface is refused",
		     ret, HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (a mobile node without its interface)\n");
	ret = mn_show_run(mn_msg_with(0, mn_put_reg_no_map));
	check_output("mn show: a registration without its MAP is refused",
		     ret, HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (a registration without its MAP)\n");
	ret = mn_show_run(mn_msg_with(0, mn_put_bad_seq));
	check_output("mn show: a sequence number of four bytes is refused",
		     ret, HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (attribute 6)\n");
	ret = mn_show_run(mn_msg_with(0, mn_put_bad_lcoa));
	check_output("mn show: an LCoA of four bytes is refused", ret,
		     HMIP_EXIT_FAILURE, "",
		     "hmip: malformed answer from the kernel (attribute 8 is not an IPv6 address)\n");
}

static struct nlmsghdr *mn_event_msg(uint32_t type)
{
	return mn_msg(HMIP_CMD_EVENT, type);
}

static void test_monitor_mn(void)
{
	static const struct event_name events[] = {
		{ HMIP_EVENT_MN_MOVED, "mn-moved" },
		{ HMIP_EVENT_MN_MAP_CHANGED, "mn-map-changed" },
		{ HMIP_EVENT_MN_MAP_LOST, "mn-map-lost" },
		{ HMIP_EVENT_MN_REGISTERED, "mn-registered" },
		{ HMIP_EVENT_MN_REJECTED, "mn-rejected" },
		{ HMIP_EVENT_MN_REMOVED, "mn-removed" },
	};
	struct monitor mon = {};
	int ret;

	check_events(events, ARRAY_SIZE(events), mn_event_msg,
		     " dev lo lcoa 2001:db8:200::5 map 2001:db8:100::1 rcoa 2001:db8:100::5 status 0");

	hmip_opts.json = true;
	capture_start();
	ret = monitor_cb(mn_msg(HMIP_CMD_EVENT, HMIP_EVENT_MN_REGISTERED),
			 &mon);
	capture_end();
	check_output("monitor -j: an mn event", ret, MNL_CB_OK,
		     "{\"event\":\"mn-registered\",\"dev\":\"lo\",\"ifindex\":1,\"policy\":\"fixed\",\"fixed_map\":\"2001:db8:100::1\",\"lifetime\":600,\"require_ipsec\":true,\"tunnel\":null,\"tunnel_ifindex\":2147483633,\"lcoa\":\"2001:db8:200::5\",\"router\":\"fe80::1\",\"moves\":2,\"handover_ms\":35,\"registrations\":[{\"map\":\"2001:db8:101::1\",\"rcoa\":\"2001:db8:100::5\",\"lcoa\":\"2001:db8:200::5\",\"current\":false,\"state\":\"rejected\",\"seq\":7,\"lifetime\":600,\"remaining\":583,\"status\":129,\"retries\":0},{\"map\":\"2001:db8:100::1\",\"rcoa\":\"2001:db8:100::5\",\"lcoa\":\"2001:db8:200::5\",\"current\":true,\"state\":\"registered\",\"seq\":7,\"lifetime\":600,\"remaining\":583,\"next_ms\":441000,\"status\":0,\"retries\":0}],\"options\":[{\"map\":\"2001:db8:100::1\",\"dist\":2,\"pref\":10,\"rflag\":true,\"valid_lifetime\":3600,\"remaining\":3590,\"router\":\"fe80::1\"}]}\n",
		     "");
	hmip_opts.json = false;

	capture_start();
	ret = monitor_cb(mn_msg_with(HMIP_EVENT_MN_MAP_LOST, mn_put_lost),
			 &mon);
	capture_end();
	check_output("monitor: mn-map-lost, without a current registration",
		     ret, MNL_CB_OK, "mn-map-lost dev lo lcoa 2001:db8:200::5\n",
		     "");
	capture_start();
	ret = monitor_cb(mn_msg_with(HMIP_EVENT_MN_MOVED, mn_put_no_ifindex),
			 &mon);
	capture_end();
	check_output("monitor: a mobile node without its interface is refused",
		     ret, MNL_CB_ERROR, "mn-moved\n",
		     "hmip: malformed answer from the kernel (a mobile node without its interface)\n");
}

int main(void)
{
	test_stats();
	test_config();
	test_monitor();
	test_map_show();
	test_map_parse();
	test_map_attr_name();
	test_binding_show();
	test_binding_many();
	test_monitor_binding();
	test_monitor_filter();
	test_ar_parse();
	test_ar_show();
	test_mn_parse();
	test_mn_show();
	test_monitor_mn();
	return failures ? 1 : 0;
}
