/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: what every file of the tool shares: the global options, the exit
 * statuses and the entry point of each object.
 */
#ifndef _HMIP_H
#define _HMIP_H

#include <stdbool.h>

#ifndef HMIP_TOOL_VERSION
#define HMIP_TOOL_VERSION "0.1"
#endif

/* Exit statuses besides 0; hmip.8 documents them. */
#define HMIP_EXIT_FAILURE	1	/* a request or a system call failed */
#define HMIP_EXIT_USAGE		2	/* bad command line, or no hmip module */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/**
 * struct hmip_opts - the options given before the object
 * @json: print JSON instead of text (-j)
 * @pretty: indent the JSON (-p, implies @json)
 * @netns: name of the network namespace to work in (-n), or NULL
 */
struct hmip_opts {
	bool json;
	bool pretty;
	const char *netns;
};

extern struct hmip_opts hmip_opts;

/*
 * One entry point per object, each in the file named after it: it gets the
 * words after the object's name and returns the exit status.
 */
int stats_main(int argc, const char *argv[]);
int config_main(int argc, const char *argv[]);
int monitor_main(int argc, const char *argv[]);
int map_main(int argc, const char *argv[]);
int binding_main(int argc, const char *argv[]);
int ar_main(int argc, const char *argv[]);
int mn_main(int argc, const char *argv[]);
int ha_main(int argc, const char *argv[]);

#endif /* _HMIP_H */
