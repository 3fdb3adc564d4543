// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the save object, a network namespace's configuration as the
 * commands that make it:
 *
 *	hmip [ -n NETNS ] save > hmip.conf
 *	hmip [ -n NETNS ] -batch hmip.conf
 *
 * The settings, then the MAPs, the home agents, the access router's options
 * and relays and the mobile nodes, each as a "replace" command (config set for the
 * settings), so that the file applies to an empty namespace and again to
 * one it configured already. What the kernel reports read only (bindings,
 * learned options, a home agent's Home Agents List, where a mobile node
 * is) is left out. Each object's
 * "show" prints them so (hmip_opts.save).
 */

#include <string.h>

#include "cli.h"

static int save_help(void)
{
	printf("Usage: hmip save\n");
	printf("       hmip save help\n");
	printf("Prints the configuration of the network namespace (settings, MAPs,\n");
	printf("home agents, access router options and relays, mobile nodes) as\n");
	printf("commands that \"hmip -batch\" replays: \"replace\" commands, which\n");
	printf("add or change.\n");
	return 0;
}

int save_main(int argc, const char *argv[])
{
	static int (*const parts[])(int argc, const char *argv[]) = {
		config_main, map_main, ha_main, ar_main, mn_main,
	};
	size_t i;
	int ret;

	cli_set_context("save", NULL);
	if (argc > 0 && !strcmp(argv[0], "help"))
		return save_help();
	ret = cli_no_more_args(argc, argv);
	if (ret)
		return ret;
	hmip_opts.json = false;
	hmip_opts.save = true;
	printf("# hmip save%s%s\n", hmip_opts.netns ? " -n " : "",
	       hmip_opts.netns ? hmip_opts.netns : "");
	for (i = 0; i < ARRAY_SIZE(parts) && !ret; i++)
		ret = parts[i](0, NULL);
	hmip_opts.save = false;
	return ret;
}
