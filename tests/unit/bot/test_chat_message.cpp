// Tests for decode_client_message: typed requests from good frames, named refusals from bad ones.
#include <catch2/catch.hpp>

#include "bot/chat_message.hpp"
#include "bot/untrusted_json.hpp"

using namespace opinia::bot;

namespace {

decode_error error_of(const std::string& frame) {
    const auto m = decode_client_message(frame);
    REQUIRE(std::holds_alternative<decode_error>(m));
    return std::get<decode_error>(m);
}

}  // namespace

TEST_CASE("start frames decode with customer and context", "[chat_message]") {
    const auto m = decode_client_message(R"({"type":"start","flow":"nps","locale":"pl-PL","site":"s1",
        "customer":{"id":"c9","signature":"abc","attributes":{"plan":"pro"}},
        "context":{"agent":"a1","channel":"chat","touchpoint":"support","interaction":"t-1","stage":"retention"},
        "extra":"ignored"})");
    REQUIRE(std::holds_alternative<start_request>(m));
    const auto& s = std::get<start_request>(m);
    CHECK(s.flow == "nps");
    CHECK(s.locale == "pl-PL");
    CHECK(s.site == "s1");
    CHECK(s.customer_id == "c9");
    CHECK(s.customer_signature == "abc");
    CHECK(s.customer_attributes["plan"] == "pro");
    CHECK(s.context.agent == "a1");
    CHECK(s.context.channel == "chat");
    CHECK(s.context.touchpoint == "support");
    CHECK(s.context.interaction == "t-1");
    CHECK(s.context.stage == "retention");

    const auto invite = decode_client_message(R"({"type":"start","invite":"inv_1"})");
    REQUIRE(std::holds_alternative<start_request>(invite));
    CHECK(std::get<start_request>(invite).invite == "inv_1");
    CHECK(std::get<start_request>(invite).flow.empty());
}

TEST_CASE("resume and answer frames decode", "[chat_message]") {
    const auto r = decode_client_message(R"({"type":"resume","conversation":"c_1","token":"r_1","last_seq":4})");
    REQUIRE(std::holds_alternative<resume_request>(r));
    CHECK(std::get<resume_request>(r).last_seq == 4);

    const auto typed = decode_client_message(R"({"type":"answer","id":"m1","step":"nps","text":"9/10"})");
    REQUIRE(std::holds_alternative<answer_request>(typed));
    CHECK(std::get<answer_request>(typed).text == "9/10");
    CHECK_FALSE(std::get<answer_request>(typed).value.has_value());

    const auto quick = decode_client_message(R"({"type":"answer","id":7,"step":"nps","value":9})");
    REQUIRE(std::holds_alternative<answer_request>(quick));
    CHECK(std::get<answer_request>(quick).id == "7");  // numeric ids become their decimal text
    CHECK(*std::get<answer_request>(quick).value == 9);
}

TEST_CASE("bad frames become bad_message naming the field, unknown types unknown_type", "[chat_message]") {
    struct row { const char* frame; const char* code; const char* mentions; };
    const row cases[] = {
        {"not json", "bad_message", "JSON"},
        {"", "bad_message", "JSON"},
        {"[1,2]", "bad_message", "object"},
        {"{\"type\":\"answer\",\"id\":\"m1\",\"step\":\"nps\",\"text\":\"\xC3\x28\"}", "bad_message", "UTF-8"},
        {R"({"flow":"nps"})", "bad_message", "`type`"},
        {R"({"type":5})", "bad_message", "`type`"},
        {R"({"type":"hello"})", "unknown_type", "hello"},
        {R"({"type":"start"})", "bad_message", "`flow`"},
        {R"({"type":"start","flow":3})", "bad_message", "`flow`"},
        {R"({"type":"start","flow":"nps","locale":["en"]})", "bad_message", "`locale`"},
        {R"({"type":"start","flow":"nps","customer":"c1"})", "bad_message", "`customer`"},
        {R"({"type":"start","flow":"nps","customer":{"id":5}})", "bad_message", "`customer.id`"},
        {R"({"type":"start","flow":"nps","customer":{"attributes":[]}})", "bad_message", "`customer.attributes`"},
        {R"({"type":"start","flow":"nps","context":{"channel":1}})", "bad_message", "`context.channel`"},
        {R"({"type":"resume","token":"t","last_seq":1})", "bad_message", "`conversation`"},
        {R"({"type":"resume","conversation":"c","token":"t","last_seq":"4"})", "bad_message", "`last_seq`"},
        {R"({"type":"resume","conversation":"c","token":"t","last_seq":-1})", "bad_message", "`last_seq`"},
        {R"({"type":"resume","conversation":"c","token":"t","last_seq":1.5})", "bad_message", "`last_seq`"},
        {R"({"type":"answer","step":"nps","value":9})", "bad_message", "`id`"},
        {R"({"type":"answer","id":"","step":"nps","value":9})", "bad_message", "`id`"},
        {R"({"type":"answer","id":{"x":1},"step":"nps","value":9})", "bad_message", "`id`"},
        {R"({"type":"answer","id":"m1","value":9})", "bad_message", "`step`"},
        {R"({"type":"answer","id":"m1","step":"nps"})", "bad_message", "`text`"},
        {R"({"type":"answer","id":"m1","step":"nps","text":"9","value":9})", "bad_message", "exactly one"},
        {R"({"type":"answer","id":"m1","step":"nps","text":9})", "bad_message", "`text`"},
        {R"({"type":"answer","id":"m1","step":"nps","value":true})", "bad_message", "`value`"},
        {R"({"type":"answer","id":"m1","step":"nps","value":[9]})", "bad_message", "`value`"},
    };
    for (const auto& c : cases) {
        INFO("frame: " << c.frame);
        const auto e = error_of(c.frame);
        CHECK(e.code == c.code);
        CHECK_THAT(e.message, Catch::Contains(c.mentions));
    }
    const auto long_id = std::string(R"({"type":"answer","step":"nps","value":9,"id":")") + std::string(200, 'x') + "\"}";
    CHECK(error_of(long_id).code == "bad_message");
}

TEST_CASE("decoding never throws, whatever the bytes", "[chat_message]") {
    std::string frame = R"({"type":"answer","id":"m1","step":"nps","text":"9"})";
    // Every prefix and every single-byte corruption of a valid frame.
    for (std::size_t i = 0; i <= frame.size(); ++i) CHECK_NOTHROW(decode_client_message(frame.substr(0, i)));
    for (std::size_t i = 0; i < frame.size(); ++i) {
        for (int b : {0x00, 0x22, 0x5C, 0x7B, 0xC3, 0xFF}) {
            auto broken = frame;
            broken[i] = static_cast<char>(b);
            CHECK_NOTHROW(decode_client_message(broken));
        }
    }
    CHECK_NOTHROW(decode_client_message(std::string(100000, '[')));
}

TEST_CASE("untrusted JSON nested past the limit is refused, at any size", "[chat_message][json]") {
    const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
    CHECK_FALSE(parse_untrusted_json(nested(max_json_depth)).is_discarded());
    CHECK(parse_untrusted_json(nested(max_json_depth + 1)).is_discarded());
    CHECK(parse_untrusted_json(nested(500000)).is_discarded());
    CHECK(parse_untrusted_json(R"({"a":{"b":[1,{"c":2}]}})", 3).is_discarded());
    CHECK(parse_untrusted_json(R"({"a":{"b":[1,{"c":2}]}})", 4)["a"]["b"][1]["c"] == 2);
    CHECK(parse_untrusted_json("{\"a\":").is_discarded());
    CHECK(parse_untrusted_json("7") == 7);

    const auto deep_start = R"({"type":"start","flow":"nps","customer":{"id":"c","attributes":)" + nested(30000) + "}}";
    CHECK(error_of(deep_start).code == "bad_message");
}
