/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: what every file of the tool shares: the global options, the exit
 * statuses and the entry point of each object.
 */
#ifndef _HMIP_H
#define _HMIP_H

#include <stdbool.h>

/* HMIP_VERSION comes from the VERSION file at the top, through the Makefile */
#ifndef HMIP_VERSION
#error "HMIP_VERSION is not defined: build with tools/hmip/Makefile"
#endif

/*
 * Exit statuses besides 0, as ip(8) has them where it has them (2 when
 * the kernel refuses, 255 for a bad command line); hmip.8 documents them.
 */
#define HMIP_EXIT_FAILURE	1	/* a system call failed, no such interface */
#define HMIP_EXIT_KERNEL	2	/* the kernel refused the request */
#define HMIP_EXIT_NO_MODULE	3	/* no hmip generic netlink family */
#define HMIP_EXIT_USAGE		255	/* bad command line */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/**
 * struct hmip_opts - the options given before the object
 * @json: print JSON instead of text (-j)
 * @pretty: indent the JSON (-p, implies @json)
 * @netns: name of the network namespace to work in (-n), or NULL
 * @force: go on after a failed line of -batch (-force)
 * @save: "show" prints the configuration as the commands that make it
 *	("hmip save"), in text, without what the kernel reports read only
 * @timestamp: "monitor" stamps each event: 0 not, 1 on a line of its own
 *	(-t), 2 at the start of the event's line (-ts), as ip(8) does
 * @stats: "stats" prints what the counters gained since the last -s (-s)
 * @reset: with @stats, start the history again (-r)
 */
struct hmip_opts {
	bool json;
	bool pretty;
	const char *netns;
	bool force;
	bool save;
	int timestamp;
	bool stats;
	bool reset;
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
int save_main(int argc, const char *argv[]);

#endif /* _HMIP_H */
