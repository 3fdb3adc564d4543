/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmip: talking to the hmip generic netlink family through libmnl.
 */
#ifndef _HMIP_NL_H
#define _HMIP_NL_H

#include <stdint.h>
#include <libmnl/libmnl.h>

struct nl_ctx;

int nl_open(struct nl_ctx **nlp);
void nl_close(struct nl_ctx *nl);
struct nlmsghdr *nl_request(struct nl_ctx *nl, uint8_t cmd, uint16_t flags);
int nl_talk(struct nl_ctx *nl, mnl_cb_t cb, void *data,
	    const char *(*attr_name)(const uint16_t *path, unsigned int depth));
int nl_try(struct nl_ctx *nl, int quiet,
	   const char *(*attr_name)(const uint16_t *path, unsigned int depth));
int nl_stream(struct nl_ctx *nl, mnl_cb_t cb, void *data,
	      const char *(*attr_name)(const uint16_t *path,
				       unsigned int depth));
int nl_listen(struct nl_ctx *nl, uint8_t cmd, mnl_cb_t cb, void *data);

int nl_parse(const struct nlmsghdr *nlh, const struct nlattr **tb,
	     unsigned int max, const enum mnl_attr_data_type *policy);
int nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb,
		    unsigned int max, const enum mnl_attr_data_type *policy);
int nl_attr_get_uint(const struct nlattr *attr, uint64_t *val);

#endif /* _HMIP_NL_H */
