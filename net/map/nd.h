/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Neighbour Discovery on a MAP's link: Duplicate Address Detection for the
 * RCoA of a new binding (RFC 4140 section 6.1, RFC 6275 section 10.3.1).
 */
#ifndef _HMIP_MAP_ND_H
#define _HMIP_MAP_ND_H

struct hmip_binding;
struct hmip_net;
struct work_struct;

int hmip_map_nd_start(struct hmip_net *hn);
void hmip_map_nd_stop(struct hmip_net *hn);

unsigned long hmip_map_nd_dad_time(struct hmip_net *hn, int ifindex);
void hmip_map_nd_dad_start(struct hmip_net *hn, struct hmip_binding *b,
			   unsigned long dad_time);
void hmip_map_nd_dad_work(struct work_struct *work);
void hmip_map_nd_binding_up(struct hmip_net *hn, struct hmip_binding *b);

#endif /* _HMIP_MAP_ND_H */
