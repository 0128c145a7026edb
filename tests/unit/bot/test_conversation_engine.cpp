// Tests for conversation_engine: flows end to end, branching, recall, retries, expiry, exactly-once (H01, H02, H09, H11, H13).
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <unistd.h>
#include "bot/conversation_engine.hpp"
#include "bot/utf8_text.hpp"

using namespace opinia::bot;
using nlohmann::json;

namespace {

const flow_catalog& shipped() {
    static const flow_catalog flows = [] {
        flow_catalog f;
        f.load_directory(OPINIA_SOURCE_ROOT "/bot/flows");
        return f;
    }();
    return flows;
}

constexpr std::int64_t t0 = 1'700'000'000'000;

start_request start_of(const std::string& flow, const std::string& locale = "en") {
    start_request r;
    r.flow = flow;
    r.locale = locale;
    return r;
}

answer_request typed(const std::string& id, const std::string& step, const std::string& text) {
    answer_request r;
    r.id = id;
    r.step = step;
    r.text = text;
    return r;
}

answer_request tapped(const std::string& id, const std::string& step, json value) {
    answer_request r;
    r.id = id;
    r.step = step;
    r.value = std::move(value);
    return r;
}

std::vector<std::string> types_of(const engine_result& r) {
    std::vector<std::string> out;
    for (const auto& m : r.messages) out.push_back(m.at("type"));
    return out;
}

struct temp_folder {
    std::filesystem::path path;
    temp_folder() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path() /
               ("opinia_engine_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path);
    }
    ~temp_folder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    void write(const std::string& name, const json& doc) const { std::ofstream(path / name) << doc.dump(); }
};

json two_locales(const std::string& en, const std::string& pl) { return {{"en", en}, {"pl", pl}}; }

}  // namespace

TEST_CASE("the protocol example: start, typed 9/10, why, done", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto r = engine.start(start_of("nps"), "c_7f3a", "r_1", t0);
    REQUIRE(r.ok);
    REQUIRE(types_of(r) == std::vector<std::string>{"conversation", "ask"});
    CHECK(r.messages[0] == json{{"type", "conversation"}, {"conversation", "c_7f3a"}, {"token", "r_1"},
                                {"flow", "nps"}, {"locale", "en"}, {"seq", 1}});
    const auto& ask = r.messages[1];
    CHECK(ask["step"] == "nps");
    CHECK(ask["seq"] == 2);
    CHECK(ask["text"] == "How likely are you to recommend us to a friend or colleague?");
    CHECK(ask["input"] == json{{"kind", "scale"}, {"min", 0}, {"max", 10},
                               {"labels", {{"min", "Not at all likely"}, {"max", "Extremely likely"}}}});
    CHECK(ask["question_type"] == "nps");
    CHECK(r.state.status == "open");
    CHECK(r.state.pending_step == "nps");
    CHECK(r.answers.empty());

    r = engine.answer(r.state, typed("m1", "nps", "9/10"), t0 + 1000);
    REQUIRE(r.ok);
    REQUIRE(types_of(r) == std::vector<std::string>{"ack", "ask"});
    CHECK(r.messages[0] == json{{"type", "ack"}, {"id", "m1"}, {"seq", 3}});
    CHECK(r.messages[1]["step"] == "why");
    CHECK(r.messages[1]["text"] == "Great to hear! What do you like most about us?");
    CHECK(r.messages[1]["input"] == json{{"kind", "text"}, {"max_length", 1000}, {"optional", true}});
    CHECK(r.messages[1]["seq"] == 4);
    CHECK_FALSE(r.messages[1].contains("question_type"));
    REQUIRE(r.answers.size() == 1);
    const auto& nps = r.answers[0];
    CHECK(nps.client_id == "m1");
    CHECK(nps.step == "nps");
    CHECK(nps.question_type == "nps");
    CHECK(nps.scale_min == 0);
    CHECK(nps.scale_max == 10);
    CHECK(nps.good_from == 9);
    CHECK(nps.value == 9);
    CHECK(nps.raw_text == "9/10");
    CHECK(nps.parse_method == "digits_out_of");
    CHECK_FALSE(nps.skipped);

    r = engine.answer(r.state, typed("m2", "why", "Fast delivery"), t0 + 2000);
    REQUIRE(types_of(r) == std::vector<std::string>{"ack", "done"});
    CHECK(r.messages[0] == json{{"type", "ack"}, {"id", "m2"}, {"seq", 5}});
    CHECK(r.messages[1] == json{{"type", "done"}, {"text", "Thank you for your feedback!"}, {"seq", 6}});
    REQUIRE(r.answers.size() == 1);
    CHECK(r.answers[0].text == "Fast delivery");
    CHECK(r.answers[0].question_type == "text");
    CHECK(r.state.status == "completed");
    CHECK(r.state.pending_step.empty());
}

TEST_CASE("the why question branches on the NPS group and recalls the score (H01)", "[engine]") {
    const conversation_engine engine(shipped(), {});
    struct row { int score; const char* locale; const char* why; };
    const row cases[] = {
        {0, "en", "You gave us 0 — what should we fix first?"},  // a 0 is an answer and gets the follow-up
        {6, "en", "You gave us 6 — what should we fix first?"},
        {7, "en", "Thanks for the 7! What would make it a 10?"},
        {8, "en", "Thanks for the 8! What would make it a 10?"},
        {9, "en", "Great to hear! What do you like most about us?"},
        {10, "en", "Great to hear! What do you like most about us?"},
        {0, "pl", "Twoja ocena to 0 — co powinniśmy poprawić w pierwszej kolejności?"},
        {8, "pl", "Dziękujemy za ocenę 8! Co musielibyśmy zrobić, żeby zasłużyć na 10?"},
        {10, "pl", "Świetnie to słyszeć! Co podoba Ci się w nas najbardziej?"},
    };
    for (const auto& c : cases) {
        INFO("score " << c.score << " in " << c.locale);
        auto r = engine.start(start_of("nps", c.locale), "c", "t", t0);
        r = engine.answer(r.state, tapped("m1", "nps", c.score), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"ack", "ask"});
        CHECK(r.messages[1]["text"] == c.why);
        CHECK(r.answers.at(0).value == c.score);
        CHECK(r.answers.at(0).parse_method == "quick_reply");
    }
}

TEST_CASE("the locale comes from start, reduced to its language, English otherwise", "[engine]") {
    const conversation_engine engine(shipped(), {});
    struct row { const char* asked; const char* used; };
    const row cases[] = {{"pl-PL", "pl"}, {"pl", "pl"}, {"PL", "pl"}, {"pl_PL", "pl"}, {"en-GB", "en"},
                         {"de-DE", "en"}, {"", "en"},   {"fr", "en"}};
    for (const auto& c : cases) {
        INFO("locale " << c.asked);
        const auto r = engine.start(start_of("csat", c.asked), "c", "t", t0);
        CHECK(r.state.locale == c.used);
        CHECK(r.messages[0]["locale"] == c.used);
        CHECK(r.messages[1]["text"] == (std::string(c.used) == "pl" ? "Jak oceniasz naszą obsługę?"
                                                                      : "How satisfied are you with our service?"));
    }
}

TEST_CASE("start refuses unknown flows and unresolved invites, without seq", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto r = engine.start(start_of("nope"), "c", "t", t0);
    CHECK_FALSE(r.ok);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0]["type"] == "error");
    CHECK(r.messages[0]["code"] == "unknown_flow");
    CHECK_FALSE(r.messages[0].contains("seq"));

    start_request invite;
    invite.invite = "inv_1";
    r = engine.start(invite, "c", "t", t0);
    CHECK_FALSE(r.ok);
    CHECK(r.messages.at(0)["code"] == "invalid_invite");
    CHECK_FALSE(r.messages[0].contains("seq"));
}

TEST_CASE("unreadable answers get a localized retry, then the step is skipped (H02, H13)", "[engine]") {
    engine_settings settings;
    settings.max_failed_reads = 3;
    const conversation_engine engine(shipped(), settings);
    for (const char* locale : {"en", "pl"}) {
        INFO(locale);
        const std::string expected = std::string(locale) == "pl"
                                         ? "Proszę odpowiedzieć jedną liczbą całkowitą od 0 do 10."
                                         : "Please answer with a whole number from 0 to 10.";
        auto r = engine.start(start_of("nps", locale), "c", "t", t0);
        r = engine.answer(r.state, typed("m1", "nps", "6.5"), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"retry"});
        CHECK(r.messages[0] == json{{"type", "retry"}, {"id", "m1"}, {"step", "nps"}, {"text", expected}, {"seq", 3}});
        CHECK(r.answers.empty());
        CHECK(r.state.pending_step == "nps");
        CHECK(r.state.acked.empty());

        r = engine.answer(r.state, tapped("m2", "nps", 11), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"retry"});
        CHECK(r.answers.empty());
        CHECK(r.state.failed_reads == 2);

        r = engine.answer(r.state, typed("m3", "nps", "\xF0\x9F\x91\x8D"), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"ack", "ask"});
        CHECK(r.messages[0]["id"] == "m3");
        REQUIRE(r.answers.size() == 1);
        CHECK(r.answers[0].skipped);
        CHECK_FALSE(r.answers[0].value.has_value());
        CHECK(r.answers[0].raw_text == "\xF0\x9F\x91\x8D");
        CHECK(r.answers[0].parse_method == "gave_up:not_a_number");
        // No score, so the neutral why is asked.
        CHECK(r.messages[1]["step"] == "why");
        CHECK(r.messages[1]["text"] == (std::string(locale) == "pl" ? "Czy chcesz nam coś jeszcze przekazać?"
                                                                     : "Is there anything you would like to tell us?"));
        CHECK(r.state.failed_reads == 0);
        CHECK_FALSE(r.state.answers.contains("nps"));
    }
}

TEST_CASE("every refused reading is retried, never stored", "[engine]") {
    const conversation_engine engine(shipped(), {});
    const auto started = engine.start(start_of("nps"), "c", "t", t0);
    const answer_request refused[] = {
        typed("a", "nps", "6.5"), typed("a", "nps", "6,5"), typed("a", "nps", "11"), typed("a", "nps", "-1"),
        typed("a", "nps", ""),    typed("a", "nps", "  "),  typed("a", "nps", "7 or 8"), typed("a", "nps", "7-8"),
        tapped("a", "nps", 6.5),  tapped("a", "nps", "6.5"), tapped("a", "nps", 11),     tapped("a", "nps", -1),
        typed("a", "nps", "\xC3\x28"),
    };
    for (const auto& request : refused) {
        INFO((request.text ? *request.text : request.value->dump()));
        const auto r = engine.answer(started.state, request, t0);
        CHECK(types_of(r) == std::vector<std::string>{"retry"});
        CHECK(r.answers.empty());
    }
}

TEST_CASE("a comment after the score fills the why (H13)", "[engine]") {
    const conversation_engine engine(shipped(), {});
    SECTION("nps: the why is not asked again") {
        auto r = engine.start(start_of("nps"), "c", "t", t0);
        r = engine.answer(r.state, typed("m1", "nps", "10 - great support"), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"ack", "done"});
        REQUIRE(r.answers.size() == 2);
        CHECK(r.answers[0].value == 10);
        CHECK(r.answers[0].raw_text == "10 - great support");
        CHECK(r.answers[1].step == "why");
        CHECK(r.answers[1].text == "great support");
        CHECK(r.answers[1].client_id.empty());
        CHECK(r.answers[1].parse_method == "carried");
        CHECK(r.state.status == "completed");
        // The why is finished: a late answer to it is refused.
        const auto late = engine.answer(r.state, typed("m2", "why", "more"), t0);
        CHECK(late.messages.at(0)["code"] == "already_answered");
    }
    SECTION("post_contact: the comment waits for the why, after csat") {
        auto r = engine.start(start_of("post_contact"), "c", "t", t0);
        r = engine.answer(r.state, typed("m1", "ces", "3, took forever"), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"ack", "ask"});
        CHECK(r.messages[1]["step"] == "csat");
        r = engine.answer(r.state, typed("m2", "csat", "2"), t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"ack", "done"});
        REQUIRE(r.answers.size() == 2);
        CHECK(r.answers[1].step == "why");
        CHECK(r.answers[1].text == "took forever");
    }
}

TEST_CASE("optional why: empty is a skip; long text is cut at a character boundary (H11)", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto asked = engine.start(start_of("nps"), "c", "t", t0);
    asked = engine.answer(asked.state, tapped("m1", "nps", 8), t0);

    auto r = engine.answer(asked.state, typed("m2", "why", "   "), t0);
    REQUIRE(types_of(r) == std::vector<std::string>{"ack", "done"});
    REQUIRE(r.answers.size() == 1);
    CHECK(r.answers[0].skipped);
    CHECK_FALSE(r.answers[0].text.has_value());

    std::string long_text;
    for (int i = 0; i < 999; ++i) long_text += "a";
    long_text += "\xC5\xBC\xC5\xBC\xF0\x9F\x98\x80";  // ż ż 😀: the cut falls after the first ż
    r = engine.answer(asked.state, typed("m3", "why", long_text), t0);
    REQUIRE(r.answers.size() == 1);
    const auto& text = *r.answers[0].text;
    CHECK(is_valid_utf8(text));
    CHECK(count_code_points(text) == 1000);
    CHECK(text.substr(text.size() - 2) == "\xC5\xBC");
    CHECK(r.answers[0].raw_text == long_text);
    CHECK(r.answers[0].parse_method == "truncated");
}

TEST_CASE("exactly once: a repeated id gets the same ack, another tab gets already_answered (H09)", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto r = engine.start(start_of("nps"), "c", "t", t0);
    const auto first = engine.answer(r.state, tapped("m1", "nps", 9), t0);
    REQUIRE(first.messages.at(0) == json{{"type", "ack"}, {"id", "m1"}, {"seq", 3}});

    const auto again = engine.answer(first.state, tapped("m1", "nps", 9), t0 + 5);
    CHECK(again.ok);
    CHECK(again.messages == std::vector<json>{{{"type", "ack"}, {"id", "m1"}, {"seq", 3}}});
    CHECK(again.answers.empty());
    CHECK_FALSE(again.state_changed);
    CHECK(json(again.state) == json(first.state));

    // The repeat after the flow moved on, and after it completed, still gets the same ack.
    const auto done = engine.answer(first.state, typed("m2", "why", "ok"), t0);
    const auto late_repeat = engine.answer(done.state, tapped("m1", "nps", 9), t0);
    CHECK(late_repeat.messages == std::vector<json>{{{"type", "ack"}, {"id", "m1"}, {"seq", 3}}});

    const auto other_tab = engine.answer(first.state, tapped("m9", "nps", 2), t0);
    CHECK_FALSE(other_tab.ok);
    CHECK(other_tab.messages.at(0)["code"] == "already_answered");
    CHECK(other_tab.messages[0]["id"] == "m9");
    CHECK_FALSE(other_tab.messages[0].contains("seq"));
    CHECK(other_tab.answers.empty());
    CHECK(other_tab.state.answers["nps"] == 9);
    CHECK(json(other_tab.state) == json(first.state));
}

TEST_CASE("answers to a step that is not being asked are refused", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto r = engine.start(start_of("post_contact"), "c", "t", t0);
    for (const char* step : {"csat", "why", "thanks", "nope"}) {
        INFO(step);
        const auto wrong = engine.answer(r.state, tapped("m1", step, 3), t0);
        CHECK_FALSE(wrong.ok);
        CHECK(wrong.messages.at(0)["code"] == "not_current_step");
        CHECK(wrong.answers.empty());
    }
    r = engine.answer(r.state, tapped("m1", "ces", 6), t0);
    r = engine.answer(r.state, tapped("m2", "csat", 5), t0);
    r = engine.answer(r.state, typed("m3", "why", "ok"), t0);
    REQUIRE(r.state.status == "completed");
    const auto after = engine.answer(r.state, typed("m4", "extra", "hi"), t0);
    CHECK(after.messages.at(0)["code"] == "not_current_step");
    CHECK_THAT(after.messages[0]["message"].get<std::string>(), Catch::Contains("complete"));
}

TEST_CASE("idle conversations expire as partial; late messages get expired, never a restart", "[engine]") {
    engine_settings settings;
    settings.idle_timeout_ms = 30 * 60 * 1000;
    const conversation_engine engine(shipped(), settings);
    auto r = engine.start(start_of("nps", "pl"), "c", "t", t0);
    r = engine.answer(r.state, tapped("m1", "nps", 3), t0 + 1000);

    CHECK_FALSE(engine.is_expired(r.state, t0 + 1000 + settings.idle_timeout_ms));
    CHECK(engine.is_expired(r.state, t0 + 1001 + settings.idle_timeout_ms));

    // Within the limit the answer goes through.
    CHECK(engine.answer(r.state, typed("m2", "why", "x"), t0 + 1000 + settings.idle_timeout_ms).ok);

    const auto late = engine.answer(r.state, typed("m2", "why", "too late"), t0 + 2000 + settings.idle_timeout_ms);
    CHECK_FALSE(late.ok);
    CHECK(late.messages.at(0)["code"] == "expired");
    CHECK_THAT(late.messages[0]["message"].get<std::string>(), Catch::Contains("30 min"));
    CHECK(late.state.status == "partial");
    CHECK(late.state_changed);
    CHECK(late.answers.empty());
    CHECK(late.state.answers["nps"] == 3);  // what was answered still counts

    // Once partial, always expired — even at an earlier clock.
    const auto again = engine.answer(late.state, typed("m3", "why", "x"), t0);
    CHECK(again.messages.at(0)["code"] == "expired");
    const auto resumed = engine.reask(late.state, t0);
    CHECK(resumed.messages.at(0)["code"] == "expired");
    // An answer that was already acked is still acked the same.
    CHECK(engine.answer(late.state, tapped("m1", "nps", 3), t0 + 999999999).messages.at(0)["type"] == "ack");
}

TEST_CASE("reask sends the pending question again with a fresh seq", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto r = engine.start(start_of("onboarding", "pl"), "c", "t", t0);
    REQUIRE(types_of(r) == std::vector<std::string>{"conversation", "say", "ask"});
    const auto ask = r.messages[2];
    const auto again = engine.reask(r.state, t0 + 10);
    REQUIRE(again.ok);
    REQUIRE(again.messages.size() == 1);
    auto resent = again.messages[0];
    CHECK(resent["seq"] == 4);
    resent["seq"] = ask["seq"];
    CHECK(resent == ask);
    CHECK(again.state.next_seq == 5);

    r = engine.answer(again.state, tapped("m1", "ces", 7), t0);
    CHECK(r.messages.at(0)["seq"] == 5);
    r = engine.answer(r.state, tapped("m2", "nps", 10), t0);
    r = engine.answer(r.state, typed("m3", "why", ""), t0);
    REQUIRE(r.state.status == "completed");
    const auto finished = engine.reask(r.state, t0);
    CHECK(types_of(finished) == std::vector<std::string>{"done"});
}

TEST_CASE("every shipped flow runs end to end in English and Polish", "[engine]") {
    const conversation_engine engine(shipped(), {});
    for (const auto& name : shipped().names()) {
        std::map<std::string, std::vector<std::string>> texts;  // locale -> every line shown
        for (const char* locale : {"en", "pl"}) {
            INFO(name << " in " << locale);
            auto r = engine.start(start_of(name, locale), "c", "t", t0);
            REQUIRE(r.ok);
            std::int64_t expected_seq = 1;
            std::size_t questions = 0;
            int n = 0;
            while (true) {
                for (const auto& m : r.messages) {
                    CHECK(m.at("seq") == expected_seq++);
                    if (m.contains("text")) {
                        CHECK_FALSE(m["text"].get<std::string>().empty());
                        CHECK(m["text"].get<std::string>().find('{') == std::string::npos);
                        texts[locale].push_back(m["text"]);
                    }
                }
                const auto last = r.messages.back();  // a copy: r is replaced below
                if (last["type"] == "done") break;
                REQUIRE(last["type"] == "ask");
                REQUIRE(++n < 20);
                ++questions;
                const auto input = last["input"];
                const std::string step = last["step"];
                if (input["kind"] == "scale") {
                    CHECK(input["labels"]["min"].is_string());
                    CHECK(last["question_type"] == step);  // shipped scale steps are named after their type
                    r = engine.answer(r.state, typed("m" + std::to_string(n), step, std::to_string(input["max"].get<int>())), t0);
                    REQUIRE(r.answers.size() == 1);
                    CHECK(r.answers[0].value == input["max"].get<int>());
                } else {
                    r = engine.answer(r.state, typed("m" + std::to_string(n), step, "Wszystko w porządku, dzięki"), t0);
                    REQUIRE(r.answers.size() == 1);
                    CHECK(r.answers[0].text == "Wszystko w porządku, dzięki");
                }
                REQUIRE(r.ok);
                CHECK(r.messages.at(0)["type"] == "ack");
            }
            CHECK(r.state.status == "completed");
            CHECK(questions == r.state.finished_steps.size());
            CHECK(r.state.finished_steps.count("why") == 1);
        }
        // Polish is really Polish: no line is shown in English.
        REQUIRE(texts["en"].size() == texts["pl"].size());
        for (std::size_t i = 0; i < texts["en"].size(); ++i) CHECK(texts["en"][i] != texts["pl"][i]);
    }
}

TEST_CASE("post_contact greets by channel and asks effort before satisfaction", "[engine]") {
    const conversation_engine engine(shipped(), {});
    struct row { const char* channel; const char* locale; const char* greeting; };
    const row cases[] = {
        {"phone", "en", "Thanks for calling us! A few quick questions about the call."},
        {"chat", "pl", "Dziękujemy za rozmowę na czacie! Mamy kilka krótkich pytań."},
        {"email", "en", "Thanks for contacting us! A few quick questions about it."},
        {"", "pl", "Dziękujemy za kontakt! Mamy kilka krótkich pytań."},
    };
    for (const auto& c : cases) {
        INFO(c.channel);
        auto request = start_of("post_contact", c.locale);
        request.context.channel = c.channel;
        const auto r = engine.start(request, "c", "t", t0);
        REQUIRE(types_of(r) == std::vector<std::string>{"conversation", "say", "ask"});
        CHECK(r.messages[1]["text"] == c.greeting);
        CHECK(r.messages[2]["step"] == "ces");
        CHECK(r.messages[2]["input"]["max"] == 7);
    }
    auto r = engine.start(start_of("post_contact"), "c", "t", t0);
    r = engine.answer(r.state, tapped("m1", "ces", 2), t0);
    r = engine.answer(r.state, tapped("m2", "csat", 4), t0);
    CHECK(r.messages.at(1)["text"] == "You rated the effort 2 of 7 — what made it hard?");
}

TEST_CASE("steps are skipped by context, choices are read by label, required text insists", "[engine]") {
    temp_folder dir;
    dir.write("custom.v1.json", json::parse(R"({
      "name": "custom", "version": 1, "locales": ["en", "pl"],
      "steps": [
        {"id": "topic", "kind": "choice", "text": {"en": "Topic?", "pl": "Temat?"},
         "options": [{"value": "billing", "label": {"en": "Billing", "pl": "Płatności"}},
                     {"value": "delivery", "label": {"en": "Delivery", "pl": "Dostawa"}}]},
        {"id": "ces", "kind": "ces", "scale_max": 5, "text": {"en": "Easy?", "pl": "Łatwo?"},
         "unless": {"context": "touchpoint", "in": ["self_service"]}},
        {"id": "billing_note", "kind": "say", "text": {"en": "About {topic}.", "pl": "O {topic}."},
         "when": {"answer": "topic", "in": ["billing"]}},
        {"id": "detail", "kind": "text", "optional": false, "max_length": 20,
         "text": {"en": "Details?", "pl": "Szczegóły?"}}
      ],
      "done": {"en": "Bye", "pl": "Pa"}
    })"));
    flow_catalog flows;
    flows.load_directory(dir.path);
    const conversation_engine engine(flows, {});

    auto request = start_of("custom", "pl");
    auto r = engine.start(request, "c", "t", t0);
    CHECK(r.messages.at(1)["input"] == json{{"kind", "choice"}, {"options", {{{"value", "billing"}, {"label", "Płatności"}},
                                                                            {{"value", "delivery"}, {"label", "Dostawa"}}}}});
    const auto unknown = engine.answer(r.state, typed("m0", "topic", "pizza"), t0);
    CHECK(unknown.messages.at(0)["text"] == "Proszę wybrać jedną z opcji: 1. Płatności, 2. Dostawa.");
    r = engine.answer(r.state, typed("m1", "topic", "płatności"), t0);
    REQUIRE(r.answers.size() == 1);
    CHECK(r.answers[0].text == "billing");
    CHECK(r.answers[0].question_type == "choice");
    CHECK(r.answers[0].parse_method == "choice_label");
    CHECK(r.messages.at(1)["step"] == "ces");
    CHECK(r.messages[1]["input"]["max"] == 5);
    r = engine.answer(r.state, typed("m2", "ces", "4 z 5"), t0);
    CHECK(r.answers.at(0).good_from == 4);
    REQUIRE(types_of(r) == std::vector<std::string>{"ack", "say", "ask"});
    CHECK(r.messages[1]["text"] == "O billing.");
    const auto empty = engine.answer(r.state, typed("m3", "detail", ""), t0);
    CHECK(types_of(empty) == std::vector<std::string>{"retry"});
    CHECK(empty.messages[0]["text"] == "Proszę napisać kilka słów — to pytanie wymaga odpowiedzi.");

    // Self-service: no effort question; delivery: no billing note.
    request.context.touchpoint = "self_service";
    r = engine.start(request, "c", "t", t0);
    r = engine.answer(r.state, tapped("m1", "topic", "delivery"), t0);
    REQUIRE(types_of(r) == std::vector<std::string>{"ack", "ask"});
    CHECK(r.messages[1]["step"] == "detail");
}

TEST_CASE("a conversation stays on the flow version it started on", "[engine]") {
    auto document = [](int version, const std::string& done) {
        return json{{"name", "pinned"}, {"version", version}, {"locales", {"en", "pl"}},
                    {"steps", {{{"id", "nps"}, {"kind", "nps"}, {"text", two_locales("v" + std::to_string(version), "w")}}}},
                    {"done", two_locales(done, done)}};
    };
    temp_folder v1_only;
    v1_only.write("pinned.v1.json", document(1, "done v1"));
    flow_catalog old_flows;
    old_flows.load_directory(v1_only.path);
    const auto running = conversation_engine(old_flows, {}).start(start_of("pinned"), "c", "t", t0);
    REQUIRE(running.state.flow_version == 1);

    // Version 2 is published (and the server restarted): the running conversation keeps version 1.
    temp_folder both;
    both.write("pinned.v1.json", document(1, "done v1"));
    both.write("pinned.v2.json", document(2, "done v2"));
    flow_catalog new_flows;
    new_flows.load_directory(both.path);
    const conversation_engine engine(new_flows, {});
    const auto restored = json(running.state).get<conversation_state>();
    const auto finished = engine.answer(restored, tapped("m1", "nps", 5), t0);
    CHECK(finished.messages.at(1)["text"] == "done v1");
    const auto fresh = engine.start(start_of("pinned"), "c2", "t", t0);
    CHECK(fresh.state.flow_version == 2);
    CHECK(fresh.messages.at(1)["text"] == "v2");

    // A version that is gone is reported, not silently swapped.
    const auto orphan = conversation_engine(shipped(), {}).answer(restored, tapped("m1", "nps", 5), t0);
    CHECK_FALSE(orphan.ok);
    CHECK(orphan.messages.at(0)["code"] == "unknown_flow");
}

TEST_CASE("the state round-trips through JSON exactly and continues the same", "[engine]") {
    const conversation_engine engine(shipped(), {});
    auto request = start_of("post_contact", "pl-PL");
    request.site = "site_1";
    request.customer_id = "cust_9";
    request.context = {"agent_7", "chat", "support", "T-123", "retention"};
    auto r = engine.start(request, "c_1", "t", t0);
    r = engine.answer(r.state, typed("m1", "ces", "5 - szybko i sprawnie"), t0 + 10);
    r = engine.answer(r.state, typed("m2", "csat", "zero"), t0 + 20);  // a retry in between
    REQUIRE(types_of(r) == std::vector<std::string>{"retry"});

    const json saved = r.state;
    const auto restored = saved.get<conversation_state>();
    CHECK(json(restored) == saved);
    CHECK(restored.context.interaction == "T-123");
    CHECK(restored.acked == r.state.acked);
    CHECK(restored.finished_steps == r.state.finished_steps);
    CHECK(restored.carried_text == "szybko i sprawnie");
    CHECK(restored.failed_reads == 1);
    CHECK(restored.locale == "pl");

    const auto from_original = engine.answer(r.state, typed("m3", "csat", "4"), t0 + 30);
    const auto from_restored = engine.answer(restored, typed("m3", "csat", "4"), t0 + 30);
    CHECK(from_original.messages == from_restored.messages);
    CHECK(json(from_original.state) == json(from_restored.state));
    CHECK(from_restored.answers.size() == 2);  // csat and the carried why

    // A persisted state with a field missing is refused, naming it.
    auto broken = saved;
    broken.erase("acked");
    CHECK_THROWS_WITH(broken.get<conversation_state>(), Catch::Contains("acked"));
}
