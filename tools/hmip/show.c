// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: the output of the "show" commands. Each message of the kernel's
 * answer carries one entry, a nest, printed as the message arrives: as
 * text, or with -j as one object of a JSON array that opens with the
 * first entry and closes at the end ("[]" when there is none).
 */

#include <linux/hmip.h>

#include "cli.h"
#include "nl.h"
#include "show.h"

/**
 * show_nest() - the entry a message of the answer carries
 * @nlh: the message
 * @attr: the entry's nest, HMIP_A_*
 * @what: what the entry is, for the error message ("MAP")
 *
 * Return: the nest, or NULL after printing that the message is malformed.
 */
const struct nlattr *show_nest(const struct nlmsghdr *nlh, uint16_t attr,
			       const char *what)
{
	enum mnl_attr_data_type policy[HMIP_A_MAX + 1] = {};
	const struct nlattr *tb[HMIP_A_MAX + 1] = {};

	policy[attr] = MNL_TYPE_NESTED;
	if (nl_parse(nlh, tb, HMIP_A_MAX, policy))
		return NULL;
	if (!tb[attr])
		cli_err("malformed answer from the kernel (no %s)", what);
	return tb[attr];
}

/**
 * show_next() - where to print the next entry
 * @show: the output
 *
 * Return: with -j, the JSON writer inside the array, which is opened at
 * the first entry; NULL for text.
 */
struct json_writer *show_next(struct show *show)
{
	if (!hmip_opts.json)
		return NULL;
	if (!show->open) {
		json_init(&show->jw, stdout, hmip_opts.pretty);
		json_open_array(&show->jw, NULL);
		show->open = true;
	}
	return &show->jw;
}

/**
 * show_end() - end the output: with -j, close the array
 * @show: the output
 * @ret: the command's status; with no entry printed, a failed command
 *	prints nothing, a successful one "[]"
 *
 * The array is closed even after an error part way, so that the output
 * stays valid JSON.
 */
void show_end(struct show *show, int ret)
{
	if (!hmip_opts.json)
		return;
	if (show->open)
		json_close_array(&show->jw);
	else if (!ret)
		puts("[]");
}

/**
 * show_run() - ask for one entry or all of them, print the answer
 * @cmd: the command, HMIP_CMD_*_GET
 * @put: puts the entry's key into the request; NULL for a dump of all
 * @arg: for @put
 * @cb: prints one message of the answer, its data a &struct show
 * @attr_name: names attributes in the kernel's error messages
 *
 * Return: 0 or the command's exit status.
 */
int show_run(uint8_t cmd, void (*put)(struct nlmsghdr *nlh, const void *arg),
	     const void *arg, mnl_cb_t cb,
	     const char *(*attr_name)(const uint16_t *path,
				      unsigned int depth))
{
	struct show show = {};
	struct nl_ctx *nl;
	int ret;

	ret = nl_open(&nl);
	if (ret)
		return ret;
	if (put)
		put(nl_request(nl, cmd, 0), arg);
	else
		nl_request(nl, cmd, NLM_F_DUMP);
	ret = nl_stream(nl, cb, &show, attr_name);
	nl_close(nl);
	show_end(&show, ret);
	return ret;
}
