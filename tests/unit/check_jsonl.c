/* check_jsonl.c -- unit tests: jsonl (JSON records, member paths, JSON strings) */
/* SPDX-License-Identifier: MIT */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "check_util.h"

#include "buf.h"
#include "jsonl.h"
#include "options.h"
#include "utf8.h"

/* "no expectation" for an offset in the tables */
#define NA SIZE_MAX

#define EMOJI "\xF0\x9F\x98\x80" /* U+1F600 */
#define LSEP "\xE2\x80\xA8"      /* U+2028 */
#define PSEP "\xE2\x80\xA9"      /* U+2029 */
#define EACUTE "\xC3\xA9"        /* U+00E9 */

static const char *status_name(enum jsonl_status s)
{
	switch (s) {
	case JSONL_OK: return "OK";
	case JSONL_INVALID: return "INVALID";
	case JSONL_NOT_OBJECT: return "NOT_OBJECT";
	case JSONL_NO_MEMBER: return "NO_MEMBER";
	case JSONL_NOT_STRING: return "NOT_STRING";
	case JSONL_BAD_UTF8: return "BAD_UTF8";
	case JSONL_TOO_DEEP: return "TOO_DEEP";
	}
	return "?";
}

/* ---------------------------------------------------------------- paths */

static const struct {
	const char *dotted;
	size_t n;
	const char *keys[3];
} path_rows[] = {
	{ "text", 1, { "text" } },
	{ "meta.body", 2, { "meta", "body" } },
	{ "a.b.c", 3, { "a", "b", "c" } },
	{ "", 1, { "" } },
	{ "t" EACUTE "xt", 1, { "t" EACUTE "xt" } },
};

START_TEST(test_path_init_fini)
{
	struct jsonl_path p;

	jsonl_path_init(&p, path_rows[_i].dotted);
	ck_assert_uint_eq(p.n, path_rows[_i].n);
	ck_assert_ptr_nonnull(p.keys);
	ck_assert_ptr_nonnull(p.lens);
	for (size_t k = 0; k < p.n; k++) {
		const char *want = path_rows[_i].keys[k];
		ck_assert_bytes(p.keys[k], p.lens[k], want, strlen(want));
	}
	jsonl_path_fini(&p);
	ck_assert_uint_eq(p.n, 0);
	ck_assert_ptr_null(p.keys);
	ck_assert_ptr_null(p.lens);
}
END_TEST

/* The keys are copies: the dotted string may go away after init. */
START_TEST(test_path_owns_keys)
{
	struct jsonl_path p;
	char *dotted = xstrdup("meta.body");

	jsonl_path_init(&p, dotted);
	memset(dotted, 'x', strlen(dotted));
	free(dotted);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_bytes(p.keys[0], p.lens[0], "meta", 4);
	ck_assert_bytes(p.keys[1], p.lens[1], "body", 4);
	jsonl_path_fini(&p);
}
END_TEST

/* ----------------------------------------------------------------- scan */

/*
 * One record, the path, the expected status and, for JSONL_OK, where the
 * member's string token starts and what it is (quotes included; the end is
 * start + strlen(tok)); for an error, the expected `where` (NA: not
 * checked, where no offset is the obvious one).
 */
struct scan_row {
	const char *rec;
	size_t len;
	const char *path;
	enum jsonl_status st;
	size_t start;
	const char *tok;
	size_t where;
};

#define OK(rec, path, start, tok) { S(rec), path, JSONL_OK, start, tok, NA }
#define ERR(rec, path, st, where) { S(rec), path, st, 0, NULL, where }

static const struct scan_row scan_rows[] = {
	/* valid objects, the member found */
	OK("{\"text\":\"hello\"}", "text", 8, "\"hello\""),
	OK("{\"text\":\"\"}", "text", 8, "\"\""),
	OK(" \t{ \"text\" : \"x\" } \r\n", "text", 13, "\"x\""),
	OK("\r\n\t {\n\"text\"\r:\t\"x\"\n}\n", "text", 15, "\"x\""),
	OK("{ \"a\" : [ 1 , { } , [ ] , \"s\" , -2 ] , \"text\" : \"y\" , \"z\" : { \"q\" : null } }",
	   "text", 48, "\"y\""),
	OK("{\"a\":[1,{},[],\"s\",-2],\"text\":\"y\",\"z\":{\"q\":null}}", "text", 29, "\"y\""),
	/* every value type around the member */
	OK("{\"o\":{\"k\":[1,\"2\",{}]},\"a\":[],\"s\":\"str\",\"n\":-12.5e-3,\"t\":true,"
	   "\"f\":false,\"z\":null,\"text\":\"v\"}", "text", 87, "\"v\""),
	OK("{\"text\":\"v\",\"o\":{\"k\":[1,\"2\",{}]},\"a\":[[[]]],\"t\":true,\"f\":false,"
	   "\"z\":null}", "text", 8, "\"v\""),
	/* a member of the same name deeper down is not on the path */
	OK("{\"text\":\"v\",\"o\":{\"text\":1},\"a\":[{\"text\":2}]}", "text", 8, "\"v\""),
	OK("{\"o\":{\"text\":\"in\"},\"text\":\"out\"}", "text", 26, "\"out\""),
	/* numbers */
	OK("{\"n\":0,\"text\":\"x\"}", "text", 14, "\"x\""),
	OK("{\"n\":-0,\"text\":\"x\"}", "text", 15, "\"x\""),
	OK("{\"n\":1.5e+10,\"text\":\"x\"}", "text", 20, "\"x\""),
	OK("{\"n\":2E-3,\"text\":\"x\"}", "text", 17, "\"x\""),
	OK("{\"n\":-0.0e0,\"text\":\"x\"}", "text", 19, "\"x\""),
	OK("{\"n\":1E5,\"text\":\"x\"}", "text", 16, "\"x\""),
	OK("{\"n\":0.5,\"text\":\"x\"}", "text", 16, "\"x\""),
	OK("{\"n\":123456789012345678901234567890,\"text\":\"x\"}", "text", 43, "\"x\""),
	OK("{\"n\":[0,-0,1.5e+10,2E-3,10,-1e-0],\"text\":\"x\"}", "text", 41, "\"x\""),
	/* literals */
	OK("{\"a\":true,\"b\":false,\"c\":null,\"text\":\"x\"}", "text", 36, "\"x\""),
	OK("{\"a\":[true,false,null],\"text\":\"x\"}", "text", 30, "\"x\""),
	/* escapes in the member (the token is the raw bytes) and elsewhere */
	OK("{\"text\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\uD83D\\uDE00\"}", "text", 8,
	   "\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\\u00e9\\uD83D\\uDE00\""),
	OK("{\"k\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\uFFFF\\ud800\",\"text\":\"x\"}", "text", 49,
	   "\"x\""),
	OK("{\"text\":\"\\\"\"}", "text", 8, "\"\\\"\""),
	OK("{\"text\":\"\\\\\"}", "text", 8, "\"\\\\\""),
	/* keys written with escapes */
	OK("{\"t\\u0065xt\":\"e\"}", "text", 13, "\"e\""),
	OK("{\"\\u0074\\u0065\\u0078\\u0074\":\"e\"}", "text", 28, "\"e\""),
	OK("{\"t\\u00E9xt\":\"e\"}", "t" EACUTE "xt", 13, "\"e\""),
	OK("{\"t" EACUTE "xt\":\"e\"}", "t" EACUTE "xt", 9, "\"e\""),
	OK("{\"te\\\"xt\":1,\"text\":\"e\"}", "text", 19, "\"e\""),
	OK("{\"me\\/ta\":{\"body\":\"b\"}}", "me/ta.body", 18, "\"b\""),
	/* an empty key */
	OK("{\"\":\"e\"}", "", 4, "\"e\""),
	/* duplicate keys: the last counts */
	OK("{\"text\":\"a\",\"text\":\"b\"}", "text", 19, "\"b\""),
	OK("{\"text\":1,\"text\":\"b\"}", "text", 17, "\"b\""),
	OK("{\"text\":{\"x\":1},\"text\":\"b\"}", "text", 23, "\"b\""),
	OK("{\"text\":\"a\",\"x\":1,\"text\":\"b\"}", "text", 25, "\"b\""),
	OK("{\"text\":\"a\",\"t\\u0065xt\":\"b\"}", "text", 24, "\"b\""),
	OK("{\"t\\u0065xt\":\"a\",\"text\":\"b\"}", "text", 24, "\"b\""),
	/* nested paths */
	OK("{\"meta\":{\"body\":\"b\"}}", "meta.body", 16, "\"b\""),
	OK("{\"meta\":{\"a\":1,\"body\":\"b\",\"c\":[]},\"text\":\"t\"}", "meta.body", 22, "\"b\""),
	OK("{\"body\":\"x\",\"meta\":{\"body\":\"b\"}}", "meta.body", 27, "\"b\""),
	OK("{\"meta\":{\"body\":\"a\"},\"meta\":{\"body\":\"b\"}}", "meta.body", 36, "\"b\""),
	OK("{\"meta\":1,\"meta\":{\"body\":\"b\"}}", "meta.body", 25, "\"b\""),
	OK("{\"meta\":{\"body\":\"a\",\"body\":\"b\"}}", "meta.body", 27, "\"b\""),
	OK("{\"a\":{\"b\":{\"c\":\"deep\"}}}", "a.b.c", 15, "\"deep\""),
	/* UTF-8: valid anywhere; invalid inside the member is left to decoding */
	OK("{\"k" EACUTE "y\":\"" EMOJI LSEP "\",\"text\":\"" EACUTE "\"}", "text", 25,
	   "\"" EACUTE "\""),
	OK("{\"text\":\"\x7F\"}", "text", 8, "\"\x7F\""),
	OK("{\"text\":\"a\xFF" "b\"}", "text", 8, "\"a\xFF" "b\""),
	OK("{\"text\":\"\xC0\xAF\xED\xA0\x80\"}", "text", 8, "\"\xC0\xAF\xED\xA0\x80\""),
	OK("{\"text\":\"\xE2\x82\"}", "text", 8, "\"\xE2\x82\""),
	OK("{\"text\":\"\xF0\x9F\x98\"}", "text", 8, "\"\xF0\x9F\x98\""),
	OK("{\"text\":\"\x80\\n\xFF\"}", "text", 8, "\"\x80\\n\xFF\""),
	OK("{\"text\":\"\xFF\",\"x\":\"ok\"}", "text", 8, "\"\xFF\""),
	OK("{\"text\":\"\xFF\",\"o\":{\"text\":\"y\"}}", "text", 8, "\"\xFF\""),
	OK("{\"text\":\"a\",\"text\":\"\xFF\"}", "text", 19, "\"\xFF\""),
	OK("{\"meta\":{\"body\":\"\xFF\"}}", "meta.body", 16, "\"\xFF\""),

	/* not an object */
	ERR("[]", "text", JSONL_NOT_OBJECT, NA),
	ERR("[1,2]", "text", JSONL_NOT_OBJECT, NA),
	ERR(" [ {\"text\":\"x\"} ] ", "text", JSONL_NOT_OBJECT, NA),
	ERR("\"text\"", "text", JSONL_NOT_OBJECT, NA),
	ERR("1", "text", JSONL_NOT_OBJECT, NA),
	ERR("-0.5e3", "text", JSONL_NOT_OBJECT, NA),
	ERR("true", "text", JSONL_NOT_OBJECT, NA),
	ERR("null", "text", JSONL_NOT_OBJECT, NA),

	/* no such member */
	ERR("{}", "text", JSONL_NO_MEMBER, NA),
	ERR(" { } ", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"Text\":\"x\"}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"tex\":\"x\"}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"texts\":\"x\"}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"text \":\"x\"}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"a\":{\"text\":\"x\"}}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"a\":[{\"text\":\"x\"}]}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":{\"text\":\"x\"}}", "text", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":\"x\"}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":1}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":null}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":{}}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":[{\"body\":\"x\"}]}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"body\":\"x\"}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta.body\":\"x\"}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":{\"body\":\"x\"},\"meta\":1}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":{\"body\":\"x\"},\"meta\":{}}", "meta.body", JSONL_NO_MEMBER, NA),
	ERR("{\"meta\":{\"body\":\"x\"},\"meta\":{\"other\":\"y\"}}", "meta.body", JSONL_NO_MEMBER,
	    NA),
	ERR("{\"a\":{\"b\":\"c\"}}", "a.b.c", JSONL_NO_MEMBER, NA),

	/* the member is not a string */
	ERR("{\"text\":1}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":-0.5}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":null}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":true}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":false}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":{}}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":[]}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":[\"x\"]}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":{\"text\":\"x\"}}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":\"a\",\"text\":1}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":\"a\",\"text\":null}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"text\":\"a\",\"t\\u0065xt\":[]}", "text", JSONL_NOT_STRING, NA),
	ERR("{\"meta\":{\"body\":1}}", "meta.body", JSONL_NOT_STRING, NA),
	ERR("{\"meta\":{\"body\":{\"x\":\"y\"}}}", "meta.body", JSONL_NOT_STRING, NA),
	ERR("{\"meta\":{\"body\":\"x\"},\"meta\":{\"body\":false}}", "meta.body",
	    JSONL_NOT_STRING, NA),
	ERR("{\"a\":{\"b\":{\"c\":\"deep\"}}}", "a.b", JSONL_NOT_STRING, NA),

	/* not JSON */
	ERR("", "text", JSONL_INVALID, 0),
	ERR("   ", "text", JSONL_INVALID, 3),
	ERR("\t\r\n", "text", JSONL_INVALID, 3),
	ERR("{", "text", JSONL_INVALID, 1),
	ERR("}", "text", JSONL_INVALID, 0),
	ERR("{\"te", "text", JSONL_INVALID, 4),
	ERR("{\"text\"", "text", JSONL_INVALID, 7),
	ERR("{\"text\":", "text", JSONL_INVALID, 8),
	ERR("{\"text\":\"abc", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"abc\"", "text", JSONL_INVALID, 13),
	ERR("{\"text\":\"\\\"}", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"\\", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\u00", "text", JSONL_INVALID, 9),
	/* numbers */
	ERR("{\"n\":01}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":-01}", "n", JSONL_INVALID, 7),
	ERR("{\"n\":00}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":1.}", "n", JSONL_INVALID, 7),
	ERR("{\"n\":1.e5}", "n", JSONL_INVALID, 7),
	ERR("{\"n\":.5}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":+1}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":1e}", "n", JSONL_INVALID, 7),
	ERR("{\"n\":1e+}", "n", JSONL_INVALID, 8),
	ERR("{\"n\":1E-}", "n", JSONL_INVALID, 8),
	ERR("{\"n\":-}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":-", "n", JSONL_INVALID, 6),
	ERR("{\"n\":--1}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":-a}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":0x10}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":1.5.2}", "n", JSONL_INVALID, 8),
	ERR("{\"n\":1e5e5}", "n", JSONL_INVALID, 8),
	ERR("{\"n\":Infinity}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":-Infinity}", "n", JSONL_INVALID, 6),
	ERR("{\"n\":NaN}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":[1,01]}", "n", JSONL_INVALID, 9),
	/* literals */
	ERR("{\"n\":tru}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":tru", "n", JSONL_INVALID, 5),
	ERR("{\"n\":t}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":nul}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":fals}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":True}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":NULL}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":FALSE}", "n", JSONL_INVALID, 5),
	ERR("{\"n\":falsey}", "n", JSONL_INVALID, 10),
	ERR("{\"n\":nulll}", "n", JSONL_INVALID, 9),
	ERR("{\"n\":undefined}", "n", JSONL_INVALID, 5),
	/* escapes */
	ERR("{\"text\":\"\\x\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"ab\\x41\"}", "text", JSONL_INVALID, 11),
	ERR("{\"text\":\"\\u12\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\u12G4\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\u-123\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\U0041\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\'\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\ \"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\a\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\0\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\\0\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\\\xC3\xA9\"}", "text", JSONL_INVALID, 9),
	ERR("{\"\\x\":1}", "text", JSONL_INVALID, 2),
	ERR("{\"k\":\"\\u12\",\"text\":\"x\"}", "text", JSONL_INVALID, 6),
	/* raw control characters in strings */
	ERR("{\"text\":\"a\tb\"}", "text", JSONL_INVALID, 10),
	ERR("{\"text\":\"a\nb\"}", "text", JSONL_INVALID, 10),
	ERR("{\"text\":\"a\rb\"}", "text", JSONL_INVALID, 10),
	ERR("{\"text\":\"\0\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\x1F\"}", "text", JSONL_INVALID, 9),
	ERR("{\"text\":\"\x01\"}", "text", JSONL_INVALID, 9),
	ERR("{\"a\tb\":1}", "text", JSONL_INVALID, 3),
	ERR("{\"x\":\"\r\",\"text\":\"y\"}", "text", JSONL_INVALID, 6),
	/* trailing commas, missing colons and commas */
	ERR("{\"text\":\"x\",}", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"x\" , }", "text", JSONL_INVALID, 14),
	ERR("{\"a\":[1,],\"text\":\"x\"}", "text", JSONL_INVALID, 8),
	ERR("{,}", "text", JSONL_INVALID, 1),
	ERR("{,\"text\":\"x\"}", "text", JSONL_INVALID, 1),
	ERR("{\"a\":[,1]}", "text", JSONL_INVALID, 6),
	ERR("{\"a\":1,,\"text\":\"x\"}", "text", JSONL_INVALID, 7),
	ERR("[1,]", "text", JSONL_INVALID, 3),
	ERR("{\"text\" \"x\"}", "text", JSONL_INVALID, 8),
	ERR("{\"text\"\"x\"}", "text", JSONL_INVALID, 7),
	ERR("{\"text\"}", "text", JSONL_INVALID, 7),
	ERR("{\"text\"=\"x\"}", "text", JSONL_INVALID, 7),
	ERR("{\"text\"::\"x\"}", "text", JSONL_INVALID, 8),
	ERR("{\"a\":1 \"text\":\"x\"}", "text", JSONL_INVALID, 7),
	ERR("{\"a\":1;\"text\":\"x\"}", "text", JSONL_INVALID, 6),
	ERR("[\"a\":1]", "text", JSONL_INVALID, 4),
	/* unquoted keys, single quotes */
	ERR("{text:\"x\"}", "text", JSONL_INVALID, 1),
	ERR("{1:\"x\"}", "text", JSONL_INVALID, 1),
	ERR("{null:\"x\"}", "text", JSONL_INVALID, 1),
	ERR("{'text':'x'}", "text", JSONL_INVALID, 1),
	ERR("{\"text\":'x'}", "text", JSONL_INVALID, 8),
	/* garbage after the object */
	ERR("{\"text\":\"x\"}x", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"x\"} {}", "text", JSONL_INVALID, 13),
	ERR("{\"text\":\"x\"}}", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"x\"},", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"x\"}\0", "text", JSONL_INVALID, 12),
	ERR("{\"text\":\"x\"} \n x", "text", JSONL_INVALID, 15),
	ERR("{\"a\":1}{\"b\":2}", "text", JSONL_INVALID, 7),
	ERR("{\"text\":\"x\"}\xFF", "text", JSONL_INVALID, 12),
	ERR("[1] 2", "text", JSONL_INVALID, 4),
	/* other things that are not JSON */
	ERR("{\f\"text\":\"x\"}", "text", JSONL_INVALID, 1),
	ERR("\v{}", "text", JSONL_INVALID, 0),
	ERR("{\xC2\xA0\"text\":\"x\"}", "text", JSONL_INVALID, 1),
	ERR("{\"a\":[}", "text", JSONL_INVALID, 6),
	ERR("{\"a\":{]}", "text", JSONL_INVALID, 6),
	ERR("{\"a\":]}", "text", JSONL_INVALID, 5),
	ERR("{\"text\":\"x\"]", "text", JSONL_INVALID, 11),
	ERR("{\"text\":\"x\"/*c*/}", "text", JSONL_INVALID, 11),
	ERR("{\"text\":\"x\"//c\n}", "text", JSONL_INVALID, 11),
	ERR("tru", "text", JSONL_INVALID, 0),
	ERR("\"abc", "text", JSONL_INVALID, 4),
	ERR("{\"a\":}", "text", JSONL_INVALID, 5),
	/* the first error counts */
	ERR("{\"x\":\"\xFF\",}", "text", JSONL_BAD_UTF8, 6),
	ERR("{\"text\":\"\xFF\",}", "text", JSONL_INVALID, 12),
	ERR("{\"text\":1,}", "text", JSONL_INVALID, 10),

	/* invalid UTF-8 outside the member */
	ERR("{\"k\xFF\":1,\"text\":\"x\"}", "text", JSONL_BAD_UTF8, 3),
	ERR("{\"\xC3\":1,\"text\":\"x\"}", "text", JSONL_BAD_UTF8, 2),
	ERR("{\"te\xC3\":\"x\"}", "text", JSONL_BAD_UTF8, 4),
	ERR("{\"x\":\"\xFF\",\"text\":\"y\"}", "text", JSONL_BAD_UTF8, 6),
	ERR("{\"text\":\"y\",\"x\":\"a\xC0\xAF\"}", "text", JSONL_BAD_UTF8, 18),
	ERR("{\"text\":\"y\",\"x\":\"" EACUTE "\xED\xA0\x80\"}", "text", JSONL_BAD_UTF8, 19),
	ERR("{\"o\":{\"k\":[\"\xED\xA0\x80\"]},\"text\":\"y\"}", "text", JSONL_BAD_UTF8, 12),
	ERR("{\"x\":\"\xE2\x82\",\"text\":\"y\"}", "text", JSONL_BAD_UTF8, 6),
	ERR("{\"x\":\"\xF4\x90\x80\x80\",\"text\":\"y\"}", "text", JSONL_BAD_UTF8, 6),
	ERR("{\"x\":\"\x80\",\"text\":\"y\"}", "text", JSONL_BAD_UTF8, 6),
	ERR("{\"text\":\"y\",\"x\":\"\xF0\x9F\x98\"", "text", JSONL_BAD_UTF8, 17),
	ERR("{\"meta\":{\"other\":\"\xFF\",\"body\":\"b\"}}", "meta.body", JSONL_BAD_UTF8, 18),
	ERR("{\"meta\":\"\xFF\"}", "meta.body", JSONL_BAD_UTF8, 9),
	ERR("{\"text\":{\"k\":\"\xFF\"}}", "text", JSONL_BAD_UTF8, 14),
	ERR("{\"text\":[\"\xFF\"]}", "text", JSONL_BAD_UTF8, 10),
	/* ... also in an earlier member of the same name, which the last replaces */
	ERR("{\"text\":\"a\xFF\",\"text\":\"b\"}", "text", JSONL_BAD_UTF8, 10),
	ERR("{\"text\":\"\xFF\",\"text\":1}", "text", JSONL_BAD_UTF8, 9),
	ERR("{\"text\":\"\xFF\",\"t\\u0065xt\":\"b\"}", "text", JSONL_BAD_UTF8, 9),
	ERR("{\"text\":\"ok\",\"text\":\"a\xC0\",\"text\":\"b\"}", "text", JSONL_BAD_UTF8, 22),
	ERR("{\"meta\":{\"body\":\"\xFF\"},\"meta\":{\"body\":\"b\"}}", "meta.body",
	    JSONL_BAD_UTF8, 17),
	ERR("{\"meta\":{\"body\":\"\xFF\"},\"meta\":1}", "meta.body", JSONL_BAD_UTF8, 17),
	ERR("{\"meta\":{\"body\":\"\xFF\",\"body\":\"b\"}}", "meta.body", JSONL_BAD_UTF8, 17),
};

/* the scan of rec[0..len) with path, checked against row r */
static void check_scan(const struct scan_row *r, const char *rec, const char *what)
{
	struct jsonl_path path;
	size_t start = NA, end = NA, where = NA;

	jsonl_path_init(&path, r->path);
	enum jsonl_status st = jsonl_scan(rec, r->len, &path, &start, &end, &where, NULL);
	jsonl_path_fini(&path);

	ck_assert_msg(st == r->st, "%s: \"%s\" path %s: got %s (where %zu), expected %s", what,
		      esc(r->rec, r->len), r->path, status_name(st), where, status_name(r->st));
	if (st == JSONL_OK && r->tok) {
		size_t tl = strlen(r->tok);
		ck_assert_msg(start == r->start && end == r->start + tl,
			      "%s: \"%s\": got [%zu,%zu), expected [%zu,%zu)", what,
			      esc(r->rec, r->len), start, end, r->start, r->start + tl);
		/* the table itself: the token is where the row says */
		ck_assert_bytes(rec + start, end - start, r->tok, tl);
	}
	if (st != JSONL_OK && r->where != NA)
		ck_assert_msg(where == r->where, "%s: \"%s\": %s where %zu, expected %zu", what,
			      esc(r->rec, r->len), status_name(st), where, r->where);
}

START_TEST(test_scan_table)
{
	const struct scan_row *r = &scan_rows[_i];

	/* an exact-size copy (reads past the end would be caught by tools) */
	char *copy = xmemdup(r->rec, r->len);
	check_scan(r, copy, "exact");
	free(copy);

	/* bytes after the record that would complete or change it must not count */
	static const char tail[] = "\"}]}\"}";
	char *more = xmalloc(r->len + sizeof tail);
	memcpy(more, r->rec, r->len);
	memcpy(more + r->len, tail, sizeof tail);
	check_scan(r, more, "with bytes after");
	free(more);
}
END_TEST

/* A valid record's proper prefixes are all invalid JSON. */
START_TEST(test_scan_prefixes)
{
	static const char rec[] =
		"{\"text\":\"a\\u00e9\\n" EACUTE "\",\"n\":-1.5e+3,\"t\":true,\"f\":false,"
		"\"z\":null,\"a\":[{}, []],\"o\":{\"k\":\"v\"}}";
	struct jsonl_path path;
	size_t start, end, where;

	jsonl_path_init(&path, "text");
	ck_assert_int_eq(jsonl_scan(rec, sizeof rec - 1, &path, &start, &end, &where, NULL), JSONL_OK);
	ck_assert_uint_eq(start, 8);
	ck_assert_uint_eq(end, 21);
	for (size_t n = 0; n < sizeof rec - 1; n++) {
		char *copy = xmemdup(rec, n);
		enum jsonl_status st = jsonl_scan(copy, n, &path, &start, &end, &where, NULL);
		ck_assert_msg(st == JSONL_INVALID, "prefix of %zu bytes: got %s", n,
			      status_name(st));
		ck_assert_uint_le(where, n);
		free(copy);
	}
	jsonl_path_fini(&path);
}
END_TEST

/*
 * Nesting: `levels` containers one inside the other (JSONL_MAX_DEPTH = 512
 * are allowed, 513 are too deep), the innermost empty or holding a scalar.
 * Kinds: 0 arrays in the record's object (the member after them), 1 objects
 * (the member after them), 2 bare arrays (valid: NOT_OBJECT).
 */
static const int depth_levels[] = { 1, 2, 511, 512, 513, 514, 1000 };

static char *nested(int kind, int levels, bool scalar, size_t *n, size_t *tok_at)
{
	struct buf b;

	buf_init(&b);
	if (kind == 0) {
		buf_append(&b, S("{\"a\":"));
		for (int k = 1; k < levels; k++)
			buf_putc(&b, '[');
		if (scalar || levels == 1) /* a value is needed */
			buf_putc(&b, '1');
		for (int k = 1; k < levels; k++)
			buf_putc(&b, ']');
		buf_append(&b, S(",\"text\":"));
		*tok_at = b.len;
		buf_append(&b, S("\"t\"}"));
	} else if (kind == 1) {
		for (int k = 1; k < levels; k++)
			buf_append(&b, S("{\"a\":"));
		buf_append(&b, scalar ? "{\"s\":1" : "{", scalar ? 6 : 1);
		buf_putc(&b, '}');
		for (int k = 1; k < levels; k++)
			buf_append(&b, S(",\"text\":\"t\"}"));
		/* the outermost object's member comes last */
		*tok_at = b.len - 4;
	} else {
		for (int k = 0; k < levels; k++)
			buf_putc(&b, '[');
		if (scalar)
			buf_putc(&b, '1');
		for (int k = 0; k < levels; k++)
			buf_putc(&b, ']');
		*tok_at = NA;
	}
	*n = b.len;
	return b.p; /* owned by the caller now */
}

START_TEST(test_scan_depth)
{
	int nl = NROWS(depth_levels);
	int kind = _i / (2 * nl);
	int levels = depth_levels[(_i / 2) % nl];
	bool scalar = _i % 2;
	size_t n, tok_at, start = 0, end = 0, where = 0;
	struct jsonl_path path;
	enum jsonl_status want;

	char *rec = nested(kind, levels, scalar, &n, &tok_at);
	if (levels > JSONL_MAX_DEPTH)
		want = JSONL_TOO_DEEP;
	else if (kind == 2)
		want = JSONL_NOT_OBJECT;
	else if (kind == 1 && levels == 1)
		want = JSONL_NO_MEMBER; /* just {} or {"s":1} */
	else
		want = JSONL_OK;

	jsonl_path_init(&path, "text");
	enum jsonl_status st = jsonl_scan(rec, n, &path, &start, &end, &where, NULL);
	jsonl_path_fini(&path);
	ck_assert_msg(st == want,
		      "%s nested %d levels deep, innermost %s: got %s (where %zu), expected %s",
		      kind == 0 ? "arrays in an object" : kind == 1 ? "objects" : "bare arrays",
		      levels, scalar ? "with a scalar" : "empty", status_name(st), where,
		      status_name(want));
	if (st == JSONL_OK) {
		ck_assert_uint_eq(start, tok_at);
		ck_assert_uint_eq(end, tok_at + 3);
	}
	if (st == JSONL_TOO_DEEP) {
		ck_assert_uint_lt(where, n);
		ck_assert(rec[where] == '[' || rec[where] == '{' || rec[where] == '1' ||
			  rec[where] == '"');
	}
	free(rec);
}
END_TEST

/* 100,000 open brackets: too deep, found early, no crash (no deep recursion). */
START_TEST(test_scan_very_deep)
{
	enum { N = 100000 };
	static const char *prefixes[] = { "", "{\"text\":\"x\",\"a\":", "{\"a\":", "[{\"a\":" };
	struct jsonl_path path;
	size_t start, end, where;

	jsonl_path_init(&path, "text");
	for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
		for (int closed = 0; closed <= 1; closed++) {
			struct buf b;
			buf_init(&b);
			buf_append(&b, prefixes[k], strlen(prefixes[k]));
			for (int i = 0; i < N; i++)
				buf_putc(&b, '[');
			for (int i = 0; closed && i < N; i++)
				buf_putc(&b, ']');
			enum jsonl_status st = jsonl_scan(b.p, b.len, &path, &start, &end, &where, NULL);
			ck_assert_msg(st == JSONL_TOO_DEEP, "prefix %s, closed %d: got %s",
				      prefixes[k], closed, status_name(st));
			ck_assert_uint_lt(where, 1000);
			buf_fini(&b);
		}
	}
	/* objects all the way down */
	struct buf b;
	buf_init(&b);
	for (int i = 0; i < N; i++)
		buf_append(&b, S("{\"text\":"));
	ck_assert_int_eq(jsonl_scan(b.p, b.len, &path, &start, &end, &where, NULL), JSONL_TOO_DEEP);
	ck_assert_uint_lt(where, 8 * 1000);
	buf_fini(&b);
	jsonl_path_fini(&path);
}
END_TEST

/*
 * Records of about 1 MB whose strings mix ASCII and non-ASCII text.  Each
 * should take milliseconds; the tcase's timeout catches a scan that is
 * quadratic in the record's length.
 */
static char *mixed_record(size_t reps, bool in_member, size_t *n, size_t *tok_start,
			  size_t *tok_end)
{
	struct buf b;

	buf_init(&b);
	buf_append(&b, in_member ? "{\"text\":" : "{\"other\":", in_member ? 8 : 9);
	*tok_start = b.len;
	buf_putc(&b, '"');
	for (size_t i = 0; i < reps; i++)
		buf_append(&b, S(EACUTE " a\\n" EMOJI));
	buf_putc(&b, '"');
	*tok_end = b.len;
	if (!in_member)
		buf_append(&b, S(",\"text\":\"x\""));
	buf_putc(&b, '}');
	*n = b.len;
	return b.p;
}

START_TEST(test_scan_large_member)
{
	size_t n, ts, te, start, end, where;
	struct jsonl_path path;
	char *rec = mixed_record(1 << 17, true, &n, &ts, &te); /* 1.1 MB */

	jsonl_path_init(&path, "text");
	ck_assert_int_eq(jsonl_scan(rec, n, &path, &start, &end, &where, NULL), JSONL_OK);
	ck_assert_uint_eq(start, ts);
	ck_assert_uint_eq(end, te);
	jsonl_path_fini(&path);
	free(rec);
}
END_TEST

START_TEST(test_scan_large_other)
{
	size_t n, ts, te, start, end, where;
	struct jsonl_path path;
	char *rec = mixed_record(1 << 17, false, &n, &ts, &te);

	jsonl_path_init(&path, "text");
	ck_assert_int_eq(jsonl_scan(rec, n, &path, &start, &end, &where, NULL), JSONL_OK);
	ck_assert_uint_eq(start, n - 4);
	ck_assert_uint_eq(end, n - 1);
	jsonl_path_fini(&path);
	free(rec);
}
END_TEST

START_TEST(test_status_messages)
{
	static const enum jsonl_status all[] = {
		JSONL_OK, JSONL_INVALID, JSONL_NOT_OBJECT, JSONL_NO_MEMBER,
		JSONL_NOT_STRING, JSONL_BAD_UTF8, JSONL_TOO_DEEP,
	};
	const size_t n = sizeof all / sizeof *all;

	for (size_t i = 0; i < n; i++) {
		const char *m = jsonl_status_message(all[i]);
		ck_assert_ptr_nonnull(m);
		ck_assert_uint_gt(strlen(m), 0);
		ck_assert_str_ne(m, "?");
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(m, jsonl_status_message(all[j]));
	}
}
END_TEST

/* --------------------------------------------------------------- decode */

/*
 * A string token and its text under --invalid=replace and =drop.  Where the
 * two differ the token has a bad spot (each gives one U+FFFD under replace),
 * and under =error the decoding fails; where they are equal it succeeds
 * with the same text.
 */
struct decode_row {
	const char *tok;
	size_t tlen;
	const char *replace;
	size_t rlen;
	const char *drop;
	size_t dlen;
};

#define D(tok, rep, drop) { S(tok), S(rep), S(drop) }
#define DV(tok, text) { S(tok), S(text), S(text) }

static const struct decode_row decode_rows[] = {
	DV("\"\"", ""),
	DV("\"abc\"", "abc"),
	DV("\"a b\x7F\"", "a b\x7F"),
	/* every escape */
	DV("\"\\\"\"", "\""),
	DV("\"\\\\\"", "\\"),
	DV("\"\\/\"", "/"),
	DV("\"\\b\"", "\b"),
	DV("\"\\f\"", "\f"),
	DV("\"\\n\"", "\n"),
	DV("\"\\r\"", "\r"),
	DV("\"\\t\"", "\t"),
	DV("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t"),
	DV("\"x\\\"y\\\\z\\/w\\bv\\fu\\ns\\rq\\tp\"", "x\"y\\z/w\bv\fu\ns\rq\tp"),
	DV("\"\\\\n\"", "\\n"),
	DV("\"\\\\\\\\\"", "\\\\"),
	/* \uXXXX */
	DV("\"\\u0041\"", "A"),
	DV("\"\\u0000\"", "\0"),
	DV("\"a\\u0000b\\u0000\"", "a\0b\0"),
	DV("\"\\u001f\\u001F\\u007f\"", "\x1F\x1F\x7F"),
	DV("\"\\u0080\"", "\xC2\x80"),
	DV("\"\\u00e9\\u00E9\\u00e9\"", EACUTE EACUTE EACUTE),
	DV("\"\\u07ff\\u0800\"", "\xDF\xBF\xE0\xA0\x80"),
	DV("\"\\u20ac\\u20AC\"", "\xE2\x82\xAC\xE2\x82\xAC"),
	DV("\"\\u2028\\u2029\"", LSEP PSEP),
	DV("\"\\ufeff\\ufffd\\uffff\"", "\xEF\xBB\xBF\xEF\xBF\xBD\xEF\xBF\xBF"),
	DV("\"\\ud7ff\\ue000\"", "\xED\x9F\xBF\xEE\x80\x80"),
	DV("\"\\u0022\\u005c\\u002F\"", "\"\\/"),
	DV("\"\\u005c\\u006e\"", "\\n"), /* decoded once, not twice */
	/* surrogate pairs to 4-byte characters */
	DV("\"\\ud83d\\ude00\"", EMOJI),
	DV("\"\\uD83D\\uDE00\"", EMOJI),
	DV("\"\\uD83d\\uDe00\"", EMOJI),
	DV("\"\\ud800\\udc00\"", "\xF0\x90\x80\x80"),
	DV("\"\\udbff\\udfff\"", "\xF4\x8F\xBF\xBF"),
	DV("\"a\\ud83d\\ude00b\\ud83d\\ude00\"", "a" EMOJI "b" EMOJI),
	/* raw text, escapes and raw UTF-8 mixed */
	DV("\"caf" EACUTE " " EMOJI " \\u00e9" LSEP "\"", "caf" EACUTE " " EMOJI " " EACUTE LSEP),
	DV("\"" EMOJI "\\n" EMOJI "\"", EMOJI "\n" EMOJI),
	/* lone surrogates */
	D("\"\\ud83d\"", FFFD, ""),
	D("\"a\\ud83db\"", "a" FFFD "b", "ab"),
	D("\"\\ude00\"", FFFD, ""),
	D("\"x\\ude00y\"", "x" FFFD "y", "xy"),
	D("\"\\ude00\\ud83d\"", FFFD FFFD, ""),
	D("\"\\ud83d\\ud83d\\ude00\"", FFFD EMOJI, EMOJI),
	D("\"\\ud83d\\ude00\\ude00\"", EMOJI FFFD, EMOJI),
	D("\"\\ud83d\\u0041\"", FFFD "A", "A"),
	D("\"\\ud83d\\n\"", FFFD "\n", "\n"),
	D("\"\\ud83d\\\\ude00\"", FFFD "\\ude00", "\\ude00"),
	D("\"\\ud83d ude00\"", FFFD " ude00", " ude00"),
	D("\"\\udbff\\ue000\"", FFFD "\xEE\x80\x80", "\xEE\x80\x80"),
	D("\"\\ud800\\ud800\"", FFFD FFFD, ""),
	D("\"\\udfff\"", FFFD, ""),
	/* raw invalid UTF-8: one U+FFFD per maximal subpart */
	D("\"a\xFF" "b\"", "a" FFFD "b", "ab"),
	D("\"\xFF\xFE\"", FFFD FFFD, ""),
	D("\"\x80\x80\"", FFFD FFFD, ""),
	D("\"\xC0\xAF\"", FFFD FFFD, ""),
	D("\"\xC1\xBF\"", FFFD FFFD, ""),
	D("\"\xE0\x80\xAF\"", FFFD FFFD FFFD, ""),
	D("\"\xED\xA0\x80\"", FFFD FFFD FFFD, ""),
	D("\"\xF4\x90\x80\x80\"", FFFD FFFD FFFD FFFD, ""),
	D("\"\xF5\x80\"", FFFD FFFD, ""),
	D("\"\xF0\x9F\x98x\"", FFFD "x", "x"),
	D("\"\xF0\x9F\x98\"", FFFD, ""),
	D("\"\xE2\x82\"", FFFD, ""),
	D("\"\xE2\x82\\n\"", FFFD "\n", "\n"),
	D("\"\xE2\x82" EACUTE "\"", FFFD EACUTE, EACUTE),
	D("\"\xC3\"", FFFD, ""),
	D("\"" EACUTE "\xFF" EACUTE "\"", EACUTE FFFD EACUTE, EACUTE EACUTE),
	D("\"\\n\xFF\\n\"", "\n" FFFD "\n", "\n\n"),
	D("\"\xF0\x9F\x98\xF0\x9F\x98\x80\"", FFFD EMOJI, EMOJI),
	D("\"\xE1\x80\xE2\xF0\x91\x92\xF1\xBF\x41\"", FFFD FFFD FFFD FFFD "A", "A"),
	/* both kinds of bad spots */
	D("\"\xFF\\ud800\xFF\"", FFFD FFFD FFFD, ""),
};

START_TEST(test_decode_table)
{
	const struct decode_row *r = &decode_rows[_i];
	bool valid = r->rlen == r->dlen && memcmp(r->replace, r->drop, r->rlen) == 0;
	char *tok = xmemdup(r->tok, r->tlen);
	struct buf out;

	buf_init(&out);
	ck_assert_msg(jsonl_decode_string(tok, r->tlen, INVALID_REPLACE, false, &out), "replace: %s",
		      esc(r->tok, r->tlen));
	ck_assert_bytes(out.p, out.len, r->replace, r->rlen);

	buf_clear(&out);
	ck_assert_msg(jsonl_decode_string(tok, r->tlen, INVALID_DROP, false, &out), "drop: %s",
		      esc(r->tok, r->tlen));
	ck_assert_bytes(out.p, out.len, r->drop, r->dlen);

	buf_clear(&out);
	bool ok = jsonl_decode_string(tok, r->tlen, INVALID_ERROR, false, &out);
	ck_assert_msg(ok == valid, "error: %s: returned %d", esc(r->tok, r->tlen), ok);
	if (ok)
		ck_assert_bytes(out.p, out.len, r->replace, r->rlen);
	buf_fini(&out);

	/* the token is valid JSON, and as a member it is found where it is */
	struct buf rec;
	struct jsonl_path path;
	size_t start, end, where;
	buf_init(&rec);
	buf_append(&rec, S("{\"text\":"));
	buf_append(&rec, r->tok, r->tlen);
	buf_putc(&rec, '}');
	jsonl_path_init(&path, "text");
	ck_assert_int_eq(jsonl_scan(rec.p, rec.len, &path, &start, &end, &where, NULL), JSONL_OK);
	ck_assert_uint_eq(start, 8);
	ck_assert_uint_eq(end, 8 + r->tlen);
	jsonl_path_fini(&path);
	buf_fini(&rec);
	free(tok);
}
END_TEST

/* About 1 MB of escapes, raw UTF-8 and pairs, decoded in one piece. */
START_TEST(test_decode_large)
{
	static const char unit[] = "ab\\n\\u00e9" EACUTE "\\ud83d\\ude00 \\\"" EMOJI "\\t";
	static const char text[] = "ab\n" EACUTE EACUTE EMOJI " \"" EMOJI "\t";
	enum { REPS = 1 << 15 };
	struct buf tok, want, out;

	buf_init(&tok);
	buf_init(&want);
	buf_putc(&tok, '"');
	for (int i = 0; i < REPS; i++) {
		buf_append(&tok, unit, sizeof unit - 1);
		buf_append(&want, text, sizeof text - 1);
	}
	buf_putc(&tok, '"');
	ck_assert_uint_gt(tok.len, 1000000);
	for (int policy = INVALID_REPLACE; policy <= INVALID_ERROR; policy++) {
		buf_init(&out);
		ck_assert(jsonl_decode_string(tok.p, tok.len, (enum invalid_policy)policy, false, &out));
		ck_assert_uint_eq(out.len, want.len);
		ck_assert(memcmp(out.p, want.p, want.len) == 0);
		buf_fini(&out);
	}

	/* a bad byte at the very end: one U+FFFD there */
	tok.p[tok.len - 1] = '\xFF';
	buf_putc(&tok, '"');
	buf_append(&want, FFFD, 3);
	buf_init(&out);
	ck_assert(jsonl_decode_string(tok.p, tok.len, INVALID_REPLACE, false, &out));
	ck_assert_uint_eq(out.len, want.len);
	ck_assert(memcmp(out.p, want.p, want.len) == 0);
	buf_clear(&out);
	ck_assert(!jsonl_decode_string(tok.p, tok.len, INVALID_ERROR, false, &out));
	buf_fini(&out);
	buf_fini(&tok);
	buf_fini(&want);
}
END_TEST

/* --------------------------------------------------------------- encode */

static const struct {
	const char *in;
	size_t ilen;
	const char *out;
	size_t olen;
} encode_rows[] = {
	{ S(""), S("\"\"") },
	{ S("abc"), S("\"abc\"") },
	{ S("\""), S("\"\\\"\"") },
	{ S("\\"), S("\"\\\\\"") },
	{ S("/"), S("\"/\"") },
	{ S("</script>"), S("\"</script>\"") },
	{ S("\n\t\r\b\f"), S("\"\\n\\t\\r\\b\\f\"") },
	{ S("\0"), S("\"\\u0000\"") },
	{ S("\x01\x1F\x0B\x1A\x10"), S("\"\\u0001\\u001f\\u000b\\u001a\\u0010\"") },
	{ S("a\0b"), S("\"a\\u0000b\"") },
	{ S("\x7F"), S("\"\x7F\"") },
	{ S(" ~"), S("\" ~\"") },
	{ S(EACUTE), S("\"" EACUTE "\"") },
	{ S(EMOJI), S("\"" EMOJI "\"") },
	{ S(LSEP PSEP), S("\"" LSEP PSEP "\"") },
	{ S("\xC2\x85\xC2\xA0" FFFD "\xEF\xBB\xBF"), S("\"\xC2\x85\xC2\xA0" FFFD "\xEF\xBB\xBF\"") },
	{ S("say \"hi\"\\n\n" EACUTE "\t" EMOJI),
	  S("\"say \\\"hi\\\"\\\\n\\n" EACUTE "\\t" EMOJI "\"") },
	{ S("\\\\\"\""), S("\"\\\\\\\\\\\"\\\"\"") },
	{ S("\\u0041"), S("\"\\\\u0041\"") },
};

START_TEST(test_encode_table)
{
	struct buf out;

	buf_init(&out);
	jsonl_encode_string(encode_rows[_i].in, encode_rows[_i].ilen, &out);
	ck_assert_bytes(out.p, out.len, encode_rows[_i].out, encode_rows[_i].olen);
	buf_fini(&out);
}
END_TEST

/* Each of U+0000-U+001F alone, and in the middle of text. */
START_TEST(test_encode_controls)
{
	static const char *const shortform[32] = {
		['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f", ['\r'] = "\\r",
	};
	char in[3] = { 'a', (char)_i, 'z' };
	char want[16];
	struct buf out;

	if (shortform[_i])
		snprintf(want, sizeof want, "\"a%sz\"", shortform[_i]);
	else
		snprintf(want, sizeof want, "\"a\\u%04xz\"", (unsigned)_i);
	buf_init(&out);
	jsonl_encode_string(in, 3, &out);
	ck_assert_bytes(out.p, out.len, want, strlen(want));
	buf_fini(&out);
}
END_TEST

/* Every byte from 0x20 up but '"' and '\' goes through as it is. */
START_TEST(test_encode_passthrough)
{
	char in[256];
	size_t n = 0;
	struct buf out;

	for (int c = 0x20; c < 0x100; c++)
		if (c != '"' && c != '\\')
			in[n++] = (char)c;
	buf_init(&out);
	jsonl_encode_string(in, n, &out);
	ck_assert_uint_eq(out.len, n + 2);
	ck_assert_int_eq(out.p[0], '"');
	ck_assert_int_eq(out.p[n + 1], '"');
	ck_assert(memcmp(out.p + 1, in, n) == 0);
	buf_fini(&out);
}
END_TEST

/* It appends to what the buffer holds. */
START_TEST(test_encode_appends)
{
	struct buf out;

	buf_init(&out);
	buf_append(&out, S("{\"text\":"));
	jsonl_encode_string(S("a\nb"), &out);
	buf_putc(&out, '}');
	ck_assert_bytes(out.p, out.len, "{\"text\":\"a\\nb\"}", 15);
	buf_fini(&out);
}
END_TEST

/* decode(encode(x)) == x, and encode(x) is found as the member of a record. */
static const struct {
	const char *s;
	size_t n;
} roundtrip_rows[] = {
	{ S("") },
	{ S("plain text") },
	{ S("\0") },
	{ S("\0\0\0") },
	{ S("a\0b\0") },
	{ S("\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0A\x0B\x0C\x0D\x0E\x0F\x10\x11\x12\x13\x14"
	    "\x15\x16\x17\x18\x19\x1A\x1B\x1C\x1D\x1E\x1F\x7F") },
	{ S("\"\\/") },
	{ S("\\u0041 \\n \\\"") },
	{ S("caf" EACUTE " " EMOJI " " LSEP PSEP) },
	{ S(FFFD "\xEF\xBB\xBF" "\xF4\x8F\xBF\xBF") },
	{ S("line\r\nline\nend\0") },
	{ S("\t\"quoted\"\t") },
};

START_TEST(test_roundtrip)
{
	const char *s = roundtrip_rows[_i].s;
	size_t n = roundtrip_rows[_i].n;
	struct buf enc, dec, rec;
	struct jsonl_path path;
	size_t start, end, where;

	buf_init(&enc);
	jsonl_encode_string(s, n, &enc);
	for (size_t i = 1; i + 1 < enc.len; i++)
		ck_assert_uint_ge((unsigned char)enc.p[i], 0x20);
	for (int policy = INVALID_REPLACE; policy <= INVALID_ERROR; policy++) {
		buf_init(&dec);
		ck_assert(jsonl_decode_string(enc.p, enc.len, (enum invalid_policy)policy, false, &dec));
		ck_assert_bytes(dec.p, dec.len, s, n);
		buf_fini(&dec);
	}

	buf_init(&rec);
	buf_append(&rec, S("{\"a\":1,\"text\":"));
	size_t at = rec.len;
	buf_append(&rec, enc.p, enc.len);
	buf_append(&rec, S(",\"b\":[]}"));
	jsonl_path_init(&path, "text");
	ck_assert_int_eq(jsonl_scan(rec.p, rec.len, &path, &start, &end, &where, NULL), JSONL_OK);
	ck_assert_uint_eq(start, at);
	ck_assert_uint_eq(end, at + enc.len);
	jsonl_path_fini(&path);
	buf_fini(&rec);
	buf_fini(&enc);
}
END_TEST

/* Every single byte value 0x00-0x7F, and every 2-byte code point, round trip. */
START_TEST(test_roundtrip_all)
{
	struct buf in, enc, dec;

	buf_init(&in);
	for (int c = 0; c < 0x80; c++)
		buf_putc(&in, (char)c);
	for (int32_t cp = 0x80; cp < 0x800; cp++)
		buf_put_utf8(&in, cp);
	for (int32_t cp = 0x800; cp < 0x110000; cp += 0x101) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		buf_put_utf8(&in, cp);
	}
	buf_init(&enc);
	jsonl_encode_string(in.p, in.len, &enc);
	buf_init(&dec);
	ck_assert(jsonl_decode_string(enc.p, enc.len, INVALID_ERROR, false, &dec));
	ck_assert_uint_eq(dec.len, in.len);
	ck_assert(memcmp(dec.p, in.p, in.len) == 0);
	buf_fini(&dec);
	buf_fini(&enc);
	buf_fini(&in);
}
END_TEST

/* ----------------------------------------------------------------- runs */

/*
 * The string loops take plain bytes 16 at a time (SSE2) or 8 at a time
 * and the rest one by one.  These tests put a piece of interest after k =
 * 0..RUN_MAX plain bytes and before m = 0..RUN_MAX more, so that it falls
 * at every place of a 16-byte block, in the 8-byte word after the blocks
 * and in the byte loop at the end; the expected bytes are built the same
 * way from the piece's expected text.
 */
enum { RUN_MAX = 40 };

/* n plain bytes (for every loop), some next to the ones that end a run */
static void put_plain(struct buf *b, size_t n, size_t phase)
{
	static const char plain[] = "a !#[]~\x7F";

	for (size_t j = 0; j < n; j++)
		buf_putc(b, plain[(j + phase) % 8]);
}

/* before, k plain bytes, p[0..n), m plain bytes, after: into b, cleared */
static void put_around(struct buf *b, const char *before, size_t k, const char *p,
		       size_t n, size_t m, const char *after)
{
	buf_clear(b);
	buf_append(b, before, strlen(before));
	put_plain(b, k, 0);
	buf_append(b, p, n);
	put_plain(b, m, 3);
	buf_append(b, after, strlen(after));
}

/*
 * A piece of a string token, its text under --invalid=replace and =drop
 * (as in decode_rows), and the offset of its first invalid UTF-8 (NA:
 * none; a lone surrogate is valid JSON, so the scanner takes it).
 */
struct piece_row {
	const char *tok;
	size_t tlen;
	const char *replace;
	size_t rlen;
	const char *drop;
	size_t dlen;
	size_t bad_at;
};

#define PV(tok, text) { S(tok), S(text), S(text), NA }
#define PB(tok, rep, drop, at) { S(tok), S(rep), S(drop), at }

static const struct piece_row piece_rows[] = {
	PV("", ""),
	PV("\\n", "\n"),
	PV("\\\"", "\""),
	PV("\\\\", "\\"),
	PV("\\/", "/"),
	PV("\\t\\n\\\"\\\\", "\t\n\"\\"),
	PV("\\u00e9", EACUTE),
	PV("\\u0000", "\0"),
	PV("\\ud83d\\ude00", EMOJI),
	PB("\\ud800", FFFD, "", NA),
	PB("\\ud83d\\n", FFFD "\n", "\n", NA),
	PV(EACUTE, EACUTE),
	PV("\xE2\x80\x99", "\xE2\x80\x99"),
	PV(EMOJI, EMOJI),
	PV("\xE0\xA0\x80", "\xE0\xA0\x80"),
	PV("\xED\x9F\xBF", "\xED\x9F\xBF"),
	PV("\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"),
	PV(EACUTE EMOJI LSEP "\xE2\x80\x99", EACUTE EMOJI LSEP "\xE2\x80\x99"),
	PV(EACUTE "\\n" EACUTE, EACUTE "\n" EACUTE),
	PV("\x7F", "\x7F"),
	PB("\xFF", FFFD, "", 0),
	PB("\x80", FFFD, "", 0),
	PB("\xC3", FFFD, "", 0),
	PB("\xE2\x82", FFFD, "", 0),
	PB("\xC0\xAF", FFFD FFFD, "", 0),
	PB("\xED\xA0\x80", FFFD FFFD FFFD, "", 0),
	PB("\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, "", 0),
	PB(EACUTE "\xFF" EACUTE, EACUTE FFFD EACUTE, EACUTE EACUTE, 2),
	PB("\xF0\x9F\x98\\n", FFFD "\n", "\n", 0),
	PB("\\n\xE2\x82" EMOJI, "\n" FFFD EMOJI, "\n" EMOJI, 2),
};

static bool piece_valid(const struct piece_row *r)
{
	return r->rlen == r->dlen && memcmp(r->replace, r->drop, r->rlen) == 0;
}

static bool same_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/*
 * Decodes tok (an exact-size copy) under policy; checks the result and the
 * text.  (Plain ifs first: Check marks every passed assertion, and these
 * run by the hundred thousand.)
 */
static void check_decode_at(const struct buf *tok, enum invalid_policy policy, bool ok,
			    const struct buf *want, size_t k, size_t m)
{
	char *copy = xmemdup(tok->p, tok->len);
	struct buf out;

	buf_init(&out);
	bool got = jsonl_decode_string(copy, tok->len, policy, false, &out);
	if (got != ok)
		ck_abort_msg("policy %d, k %zu, m %zu: %s returned %d", (int)policy, k, m,
			     esc(tok->p, tok->len), got);
	if (ok && !same_bytes(out.p, out.len, want->p, want->len))
		ck_assert_bytes(out.p, out.len, want->p, want->len);
	buf_fini(&out);
	free(copy);
}

START_TEST(test_runs_decode)
{
	const struct piece_row *r = &piece_rows[_i];
	bool valid = piece_valid(r);
	struct buf tok, rep, drop;

	buf_init(&tok);
	buf_init(&rep);
	buf_init(&drop);
	for (size_t k = 0; k <= RUN_MAX; k++) {
		for (size_t m = 0; m <= RUN_MAX; m++) {
			put_around(&tok, "\"", k, r->tok, r->tlen, m, "\"");
			put_around(&rep, "", k, r->replace, r->rlen, m, "");
			put_around(&drop, "", k, r->drop, r->dlen, m, "");
			check_decode_at(&tok, INVALID_REPLACE, true, &rep, k, m);
			check_decode_at(&tok, INVALID_DROP, true, &drop, k, m);
			check_decode_at(&tok, INVALID_ERROR, valid, &rep, k, m);
		}
	}
	buf_fini(&tok);
	buf_fini(&rep);
	buf_fini(&drop);
}
END_TEST

/* Scans rec (an exact-size copy) for "text": the status and its offsets. */
static void check_scan_at(const struct buf *rec, enum jsonl_status want, size_t at,
			  size_t end, size_t k, size_t m)
{
	char *copy = xmemdup(rec->p, rec->len);
	struct jsonl_path path;
	size_t start = 0, stop = 0, where = 0;
	bool utf8_ok = false;

	jsonl_path_init(&path, "text");
	enum jsonl_status st = jsonl_scan(copy, rec->len, &path, &start, &stop, &where, &utf8_ok);
	jsonl_path_fini(&path);
	if (st != want)
		ck_abort_msg("k %zu, m %zu: %s: got %s (where %zu), expected %s", k, m,
			     esc(rec->p, rec->len), status_name(st), where, status_name(want));
	if (st == JSONL_OK && (start != at || stop != end))
		ck_abort_msg("k %zu, m %zu: %s: got [%zu,%zu), expected [%zu,%zu)", k, m,
			     esc(rec->p, rec->len), start, stop, at, end);
	if (st == JSONL_OK && utf8_ok != utf8_is_valid(copy + start, stop - start))
		ck_abort_msg("k %zu, m %zu: %s: the member's UTF-8 %s", k, m,
			     esc(rec->p, rec->len), utf8_ok ? "said valid" : "said invalid");
	if (st != JSONL_OK && where != at)
		ck_abort_msg("k %zu, m %zu: %s: where %zu, expected %zu", k, m,
			     esc(rec->p, rec->len), where, at);
	free(copy);
}

/*
 * The piece in the member (always taken: --invalid decides), in another
 * member and in a key (invalid UTF-8 is a bad record there), and in a
 * member that a later key replaces (likewise).
 */
START_TEST(test_runs_scan)
{
	const struct piece_row *r = &piece_rows[_i];
	bool bad = r->bad_at != NA;
	struct buf rec;

	buf_init(&rec);
	for (size_t k = 0; k <= RUN_MAX; k++) {
		for (size_t m = 0; m <= RUN_MAX; m++) {
			put_around(&rec, "{\"text\":\"", k, r->tok, r->tlen, m, "\"}");
			check_scan_at(&rec, JSONL_OK, 8, rec.len - 1, k, m);
			put_around(&rec, "{\"k\":\"", k, r->tok, r->tlen, m, "\",\"text\":\"x\"}");
			if (bad)
				check_scan_at(&rec, JSONL_BAD_UTF8, 6 + k + r->bad_at, 0, k, m);
			else
				check_scan_at(&rec, JSONL_OK, rec.len - 4, rec.len - 1, k, m);
			put_around(&rec, "{\"", k, r->tok, r->tlen, m, "\":1,\"text\":\"x\"}");
			if (bad)
				check_scan_at(&rec, JSONL_BAD_UTF8, 2 + k + r->bad_at, 0, k, m);
			else
				check_scan_at(&rec, JSONL_OK, rec.len - 4, rec.len - 1, k, m);
			put_around(&rec, "{\"text\":\"", k, r->tok, r->tlen, m,
				   "\",\"text\":\"x\"}");
			if (bad)
				check_scan_at(&rec, JSONL_BAD_UTF8, 9 + k + r->bad_at, 0, k, m);
			else
				check_scan_at(&rec, JSONL_OK, rec.len - 4, rec.len - 1, k, m);
		}
	}
	buf_fini(&rec);
}
END_TEST

/* Pieces that make a string invalid JSON at their offset at. */
static const struct {
	const char *tok;
	size_t tlen;
	size_t at;
} invalid_pieces[] = {
	{ S("\0"), 0 },
	{ S("\x01"), 0 },
	{ S("\t"), 0 },
	{ S("\n"), 0 },
	{ S("\x1F"), 0 },
	{ S("\\x"), 0 },
	{ S("\\'"), 0 },
	{ S("\\U0041"), 0 },
	{ S("\\u12G4"), 0 },
	{ S("\\\xC3\xA9"), 0 },
	{ S(EACUTE "\x02"), 2 },
	{ S("\\n\\\"\x1E"), 4 },
};

START_TEST(test_runs_scan_invalid)
{
	const char *tok = invalid_pieces[_i].tok;
	size_t tlen = invalid_pieces[_i].tlen, at = invalid_pieces[_i].at;
	struct buf rec;

	buf_init(&rec);
	for (size_t k = 0; k <= RUN_MAX; k++) {
		for (size_t m = 0; m <= RUN_MAX; m++) {
			put_around(&rec, "{\"text\":\"", k, tok, tlen, m, "\"}");
			check_scan_at(&rec, JSONL_INVALID, 9 + k + at, 0, k, m);
			put_around(&rec, "{\"", k, tok, tlen, m, "\":1,\"text\":\"x\"}");
			check_scan_at(&rec, JSONL_INVALID, 2 + k + at, 0, k, m);
		}
	}
	buf_fini(&rec);
}
END_TEST

/* A string cut short by the record's end after k bytes and an ending. */
START_TEST(test_runs_scan_unterminated)
{
	static const struct {
		const char *tail;
		size_t len;
		size_t at; /* where, after the k bytes */
	} ends[] = {
		{ S(""), 0 }, { S("\\"), 0 }, { S("\\u00e"), 0 }, { S(EACUTE), 2 },
		{ S("\\n"), 2 }, { S("\xE2\x82"), 2 },
	};
	struct buf rec;

	buf_init(&rec);
	for (size_t e = 0; e < sizeof ends / sizeof *ends; e++) {
		for (size_t k = 0; k <= RUN_MAX; k++) {
			put_around(&rec, "{\"text\":\"", k, ends[e].tail, ends[e].len, 0, "");
			check_scan_at(&rec, JSONL_INVALID, 9 + k + ends[e].at, 0, k, 0);
		}
	}
	buf_fini(&rec);
}
END_TEST

/* k bytes of JSON whitespace in every place a record allows it. */
START_TEST(test_runs_ws)
{
	struct buf ws, rec;

	buf_init(&ws);
	buf_init(&rec);
	for (size_t k = 0; k <= RUN_MAX; k++) {
		buf_clear(&ws);
		for (size_t j = 0; j < k; j++)
			buf_putc(&ws, " \t\r\n"[j % 4]);
		buf_cstr(&ws);
		buf_clear(&rec);
		const char *parts[] = { "{", "\"text\"", ":", "\"x\"", "}" };
		for (size_t p = 0; p < 5; p++) {
			buf_append(&rec, ws.p, ws.len);
			buf_append(&rec, parts[p], strlen(parts[p]));
		}
		buf_append(&rec, ws.p, ws.len);
		check_scan_at(&rec, JSONL_OK, 8 + 4 * k, 11 + 4 * k, k, 0);
		/* what comes after the whitespace is looked at */
		put_around(&rec, "{\"text\":", 0, ws.p, ws.len, 0, "x}");
		check_scan_at(&rec, JSONL_INVALID, 8 + k, 0, k, 0);
		put_around(&rec, "{\"text\":\"x\"", 0, ws.p, ws.len, 0, "x");
		check_scan_at(&rec, JSONL_INVALID, 11 + k, 0, k, 0);
		put_around(&rec, "", 0, ws.p, ws.len, 0, "");
		check_scan_at(&rec, JSONL_INVALID, k, 0, k, 0);
	}
	buf_fini(&ws);
	buf_fini(&rec);
}
END_TEST

/* A piece of text and its JSON string form. */
static const struct {
	const char *in;
	size_t ilen;
	const char *out;
	size_t olen;
} encode_pieces[] = {
	{ S(""), S("") },
	{ S("\""), S("\\\"") },
	{ S("\\"), S("\\\\") },
	{ S("\n"), S("\\n") },
	{ S("\t"), S("\\t") },
	{ S("\r"), S("\\r") },
	{ S("\b"), S("\\b") },
	{ S("\f"), S("\\f") },
	{ S("\0"), S("\\u0000") },
	{ S("\x1F"), S("\\u001f") },
	{ S("\x01\x1A"), S("\\u0001\\u001a") },
	{ S("\"\\\n\""), S("\\\"\\\\\\n\\\"") },
	{ S("/"), S("/") },
	{ S(" "), S(" ") },
	{ S("\x7F"), S("\x7F") },
	{ S(EACUTE), S(EACUTE) },
	{ S(EMOJI "\n" LSEP), S(EMOJI "\\n" LSEP) },
	{ S("\xFF"), S("\xFF") },
};

START_TEST(test_runs_encode)
{
	const char *in = encode_pieces[_i].in, *out = encode_pieces[_i].out;
	size_t ilen = encode_pieces[_i].ilen, olen = encode_pieces[_i].olen;
	struct buf text, want, got;

	buf_init(&text);
	buf_init(&want);
	buf_init(&got);
	for (size_t k = 0; k <= RUN_MAX; k++) {
		for (size_t m = 0; m <= RUN_MAX; m++) {
			put_around(&text, "", k, in, ilen, m, "");
			put_around(&want, "\"", k, out, olen, m, "\"");
			char *copy = xmemdup(text.p, text.len);
			buf_clear(&got);
			jsonl_encode_string(copy, text.len, &got);
			if (!same_bytes(got.p, got.len, want.p, want.len))
				ck_assert_bytes(got.p, got.len, want.p, want.len);
			free(copy);
		}
	}
	buf_fini(&text);
	buf_fini(&want);
	buf_fini(&got);
}
END_TEST

/*
 * The scanner and decoding check UTF-8 a sequence at a time by the rules
 * of utf8_valid_prefix: they agree with it on every lead byte (one per
 * loop index) followed by every other byte that can stand in a string and
 * by third and fourth bytes around the continuation range.
 */
static void utf8_expect(const unsigned char *b, size_t n, struct buf *want)
{
	size_t i = 0;

	buf_clear(want);
	while (i < n) {
		size_t bad = 0;
		bool tr;
		size_t v = utf8_valid_prefix((const char *)b + i, n - i, &bad, &tr);
		buf_append(want, b + i, v);
		i += v;
		if (i < n) {
			buf_append(want, FFFD, 3);
			i += bad;
		}
	}
}

START_TEST(test_utf8_agrees)
{
	static const unsigned char more[] = { 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0 };
	unsigned char b[4] = { (unsigned char)(0x80 + _i) };
	struct buf want, rec, out;
	size_t bad;
	bool tr;

	buf_init(&want);
	buf_init(&rec);
	buf_init(&out);
	for (int second = 0x20; second < 0x100; second++) {
		if (second == '"' || second == '\\')
			continue;
		b[1] = (unsigned char)second;
		for (size_t t = 0; t < 64; t++) {
			b[2] = more[t % 8];
			b[3] = more[t / 8];
			size_t v = utf8_valid_prefix((const char *)b, 4, &bad, &tr);
			utf8_expect(b, 4, &want);
			put_around(&rec, "\"", 0, (const char *)b, 4, 0, "\"");
			check_decode_at(&rec, INVALID_REPLACE, true, &want, 0, 0);
			check_decode_at(&rec, INVALID_ERROR, v == 4, &want, 0, 0);
			put_around(&rec, "{\"k\":\"", 0, (const char *)b, 4, 0, "\",\"text\":\"x\"}");
			if (v == 4)
				check_scan_at(&rec, JSONL_OK, rec.len - 4, rec.len - 1, 0, 0);
			else
				check_scan_at(&rec, JSONL_BAD_UTF8, 6 + v, 0, 0, 0);
		}
	}
	buf_fini(&want);
	buf_fini(&rec);
	buf_fini(&out);
}
END_TEST

static Suite *jsonl_suite(void)
{
	Suite *s = suite_create("jsonl");
	TCase *tc;

	tc = tcase_create("path");
	tcase_add_loop_test(tc, test_path_init_fini, 0, NROWS(path_rows));
	tcase_add_test(tc, test_path_owns_keys);
	suite_add_tcase(s, tc);

	tc = tcase_create("scan");
	tcase_add_loop_test(tc, test_scan_table, 0, NROWS(scan_rows));
	tcase_add_test(tc, test_scan_prefixes);
	tcase_add_loop_test(tc, test_scan_depth, 0, 3 * 2 * NROWS(depth_levels));
	tcase_add_test(tc, test_scan_very_deep);
	tcase_add_test(tc, test_status_messages);
	suite_add_tcase(s, tc);

	/* about 1 MB each: milliseconds when the scan is linear */
	tc = tcase_create("scan_large");
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, test_scan_large_member);
	tcase_add_test(tc, test_scan_large_other);
	suite_add_tcase(s, tc);

	tc = tcase_create("decode");
	tcase_add_loop_test(tc, test_decode_table, 0, NROWS(decode_rows));
	tcase_add_test(tc, test_decode_large);
	suite_add_tcase(s, tc);

	tc = tcase_create("encode");
	tcase_add_loop_test(tc, test_encode_table, 0, NROWS(encode_rows));
	tcase_add_loop_test(tc, test_encode_controls, 0, 32);
	tcase_add_test(tc, test_encode_passthrough);
	tcase_add_test(tc, test_encode_appends);
	tcase_add_loop_test(tc, test_roundtrip, 0, NROWS(roundtrip_rows));
	tcase_add_test(tc, test_roundtrip_all);
	suite_add_tcase(s, tc);

	/* the string loops' fast paths, the piece of interest at every offset */
	tc = tcase_create("runs");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_runs_decode, 0, NROWS(piece_rows));
	tcase_add_loop_test(tc, test_runs_scan, 0, NROWS(piece_rows));
	tcase_add_loop_test(tc, test_runs_scan_invalid, 0, NROWS(invalid_pieces));
	tcase_add_test(tc, test_runs_scan_unterminated);
	tcase_add_test(tc, test_runs_ws);
	tcase_add_loop_test(tc, test_runs_encode, 0, NROWS(encode_pieces));
	tcase_add_loop_test(tc, test_utf8_agrees, 0, 0x80);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return run_suite(jsonl_suite());
}
