/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MAP's data plane: its tunnel device (tunnel.c), the reverse
 * tunnel's decapsulation (decap.c) and the interception of packets
 * for its RCoAs (intercept.c).
 */
#ifndef _HMIP_MAP_TUNNEL_H
#define _HMIP_MAP_TUNNEL_H

struct hmip_binding;
struct hmip_map;
struct hmip_net;
struct hmip_tunnel_demux;
struct netlink_ext_ack;
struct sk_buff;

int hmip_map_tunnel_create(struct hmip_net *hn, struct hmip_map *map,
			   const char *name, struct netlink_ext_ack *extack);
void hmip_map_tunnel_destroy(struct hmip_map *map);
void hmip_map_tunnel_send(struct hmip_map *map, struct hmip_binding *b,
			  struct sk_buff *skb);

extern const struct hmip_tunnel_demux hmip_map_decap_demux;

int hmip_map_intercept_start(struct hmip_net *hn);
void hmip_map_intercept_stop(struct hmip_net *hn);

#endif /* _HMIP_MAP_TUNNEL_H */
