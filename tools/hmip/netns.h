/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: entering a named network namespace, as "ip -n" does.
 */
#ifndef _HMIP_NETNS_H
#define _HMIP_NETNS_H

int netns_parse(const char *name);
int netns_switch(const char *name);

#endif /* _HMIP_NETNS_H */
