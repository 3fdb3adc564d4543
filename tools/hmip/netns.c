// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: entering a named network namespace, as "ip -n NAME" does: the
 * names are those of "ip netns", files under /var/run/netns.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "netns.h"

#define NETNS_RUN_DIR "/var/run/netns"

/**
 * netns_parse() - check a name given to -n, before anything else is done
 * @name: the name
 *
 * Return: 0, or HMIP_EXIT_USAGE after a usage error.
 */
int netns_parse(const char *name)
{
	char path[PATH_MAX];
	int len;

	if (!name[0] || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return cli_usage_err("invalid network namespace name \"%s\"",
				     name);
	len = snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	if (len < 0 || (size_t)len >= sizeof(path))
		return cli_usage_err("network namespace name too long");
	return 0;
}

/**
 * netns_switch() - move this process into the network namespace @name
 * @name: a name given to "ip netns add", checked by netns_parse()
 *
 * Sockets opened afterwards belong to that namespace.
 *
 * Return: 0; HMIP_EXIT_USAGE if @name cannot be a name; HMIP_EXIT_FAILURE
 * if the namespace cannot be entered. Both after printing why.
 */
int netns_switch(const char *name)
{
	char path[PATH_MAX];
	int fd, ret;

	ret = netns_parse(name);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cli_err("cannot open network namespace \"%s\": %s", name,
			strerror(errno));
		return HMIP_EXIT_FAILURE;
	}
	if (setns(fd, CLONE_NEWNET)) {
		cli_err("cannot enter network namespace \"%s\": %s", name,
			strerror(errno));
		close(fd);
		return HMIP_EXIT_FAILURE;
	}
	close(fd);
	return 0;
}
