// Tests for flow_catalog and flow validation: shipped flows load, bad documents name the file and the field.
#include <catch2/catch.hpp>

#include <atomic>
#include <fstream>
#include <functional>
#include <unistd.h>
#include "bot/conversation_state.hpp"
#include "bot/flow_catalog.hpp"

using namespace opinia::bot;
using nlohmann::json;

namespace {

// A fresh temporary folder, removed at the end of the test.
struct temp_folder {
    std::filesystem::path path;
    temp_folder() {
        static std::atomic<int> counter{0};
        path = std::filesystem::temp_directory_path() /
               ("opinia_flows_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path);
    }
    ~temp_folder() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

json minimal_flow() {
    return json::parse(R"({
      "name": "mini", "version": 1, "locales": ["en", "pl"],
      "steps": [
        {"id": "nps", "kind": "nps", "text": {"en": "Score?", "pl": "Ocena?"}},
        {"id": "why", "kind": "text", "optional": true, "max_length": 100,
         "text": {"en": "You said {nps}. Why?", "pl": "Podano {nps}. Dlaczego?"}}
      ],
      "done": {"en": "Thanks", "pl": "Dzięki"}
    })");
}

}  // namespace

TEST_CASE("the shipped flows load, with English and Polish complete", "[flow_catalog]") {
    flow_catalog flows;
    REQUIRE_NOTHROW(flows.load_directory(OPINIA_SOURCE_ROOT "/bot/flows"));
    const std::vector<std::string> expected{"ces", "csat", "nps", "onboarding", "post_contact"};
    CHECK(flows.names() == expected);
    for (const auto& name : expected) {
        INFO("flow " << name);
        const flow* f = flows.find(name);
        REQUIRE(f != nullptr);
        CHECK(f->has_locale("en"));
        CHECK(f->has_locale("pl"));
        const auto* why = f->find_step("why");
        REQUIRE(why != nullptr);
        CHECK(why->kind == step_kind::text);
        CHECK(why->optional);
        CHECK(why->max_length == 1000);
    }
    CHECK(flows.find("nps")->find_step("nps")->scale_max == 10);
    CHECK(flows.find("csat")->find_step("csat")->scale_max == 5);
    CHECK(flows.find("csat")->find_step("csat")->good_from == 4);
    CHECK(flows.find("ces")->find_step("ces")->scale_max == 7);
    CHECK(flows.find("ces")->find_step("ces")->good_from == 5);
    CHECK(flows.find("post_contact")->step_index("ces") < flows.find("post_contact")->step_index("csat"));
    CHECK(flows.find("onboarding")->step_index("ces") < flows.find("onboarding")->step_index("nps"));
    CHECK(flows.find("nope") == nullptr);
}

TEST_CASE("versions: find(name) is the latest, find(name, version) the exact one", "[flow_catalog]") {
    temp_folder dir;
    auto v1 = minimal_flow();
    auto v2 = minimal_flow();
    v2["version"] = 2;
    v2["done"]["en"] = "Thanks v2";
    dir.write("mini.v1.json", v1.dump());
    dir.write("mini.v2.json", v2.dump());
    dir.write("notes.txt", "not a flow");
    flow_catalog flows;
    flows.load_directory(dir.path);
    CHECK(flows.find("mini")->version == 2);
    CHECK(flows.find("mini", 1)->done.at("en") == "Thanks");
    CHECK(flows.find("mini", 2)->done.at("en") == "Thanks v2");
    CHECK(flows.find("mini", 3) == nullptr);
    CHECK(flows.names() == std::vector<std::string>{"mini"});
}

TEST_CASE("a bad flow document is refused with the file and the field named", "[flow_catalog]") {
    struct row { const char* what; std::function<void(json&)> breakit; const char* field; };
    const std::vector<row> cases{
        {"missing Polish text", [](json& f) { f["steps"][0]["text"].erase("pl"); }, "steps[0].text.pl"},
        {"unknown kind", [](json& f) { f["steps"][0]["kind"] = "stars"; }, "steps[0].kind"},
        {"typo in a field", [](json& f) { f["steps"][1]["optinal"] = true; }, "steps[1].optinal"},
        {"version not a number", [](json& f) { f["version"] = "1"; }, "version"},
        {"version zero", [](json& f) { f["version"] = 0; }, "version"},
        {"no name", [](json& f) { f.erase("name"); }, "name"},
        {"no en locale", [](json& f) { f["locales"] = {"pl"}; }, "locales"},
        {"duplicate step", [](json& f) { f["steps"][1]["id"] = "nps"; }, "steps[1].id"},
        {"recall of a later step", [](json& f) { f["steps"][0]["text"]["en"] = "{why}?"; }, "steps[0].text.en"},
        {"unclosed recall", [](json& f) { f["steps"][1]["text"]["pl"] = "{nps"; }, "steps[1].text.pl"},
        {"condition on a later step", [](json& f) { f["steps"][0]["when"] = {{"answer", "why"}}; }, "steps[0].when.answer"},
        {"unknown context", [](json& f) { f["steps"][1]["unless"] = {{"context", "weather"}}; }, "steps[1].unless.context"},
        {"csat scale 7", [](json& f) { f["steps"][0] = {{"id", "csat"}, {"kind", "csat"}, {"scale_max", 7}, {"text", {{"en", "a"}, {"pl", "b"}}}}; }, "steps[0].scale_max"},
        {"ces threshold outside", [](json& f) { f["steps"][0] = {{"id", "ces"}, {"kind", "ces"}, {"good_from", 9}, {"text", {{"en", "a"}, {"pl", "b"}}}}; }, "steps[0].good_from"},
        {"negative max_length", [](json& f) { f["steps"][1]["max_length"] = -5; }, "steps[1].max_length"},
        {"options on a text step", [](json& f) { f["steps"][1]["options"] = json::array(); }, "steps[1].options"},
        {"choice with one option", [](json& f) { f["steps"][1] = {{"id", "c"}, {"kind", "choice"}, {"text", {{"en", "a"}, {"pl", "b"}}}, {"options", {{{"value", "x"}, {"label", {{"en", "X"}, {"pl", "X"}}}}}}}; }, "steps[1].options"},
        {"no done", [](json& f) { f.erase("done"); }, "done"},
        {"say only", [](json& f) { f["steps"] = {{{"id", "hi"}, {"kind", "say"}, {"text", {{"en", "a"}, {"pl", "b"}}}}}; }, "steps"},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        temp_folder dir;
        auto doc = minimal_flow();
        c.breakit(doc);
        dir.write("mini.v1.json", doc.dump());
        flow_catalog flows;
        try {
            flows.load_directory(dir.path);
            FAIL("no flow_error");
        } catch (const flow_error& e) {
            const std::string message = e.what();
            INFO(message);
            CHECK(message.find("mini.v1.json") != std::string::npos);
            CHECK(message.find(std::string(": ") + c.field + ":") != std::string::npos);
        }
        CHECK(flows.names().empty());  // nothing half-loaded
    }
}

TEST_CASE("unreadable JSON and duplicate versions are refused", "[flow_catalog]") {
    temp_folder dir;
    dir.write("broken.json", "{ \"name\": ");
    flow_catalog flows;
    CHECK_THROWS_WITH(flows.load_directory(dir.path), Catch::Contains("broken.json") && Catch::Contains("not valid JSON"));

    temp_folder twice;
    twice.write("a.json", minimal_flow().dump());
    twice.write("b.json", minimal_flow().dump());
    CHECK_THROWS_WITH(flows.load_directory(twice.path), Catch::Contains("b.json") && Catch::Contains("a.json"));
    CHECK_THROWS_AS(flows.load_directory(dir.path / "missing"), flow_error);
}

TEST_CASE("conditions test answers and context", "[flow]") {
    conversation_context context;
    context.channel = "email";
    const json answers{{"nps", 6}, {"topic", "billing"}};
    struct row { condition c; bool expected; };
    const row cases[] = {
        {{"nps", "", 0, 6, {}, {}}, true},
        {{"nps", "", 7, std::nullopt, {}, {}}, false},
        {{"nps", "", std::nullopt, std::nullopt, {}, {}}, true},          // answered
        {{"why", "", std::nullopt, std::nullopt, {}, {}}, false},         // not answered
        {{"why", "", std::nullopt, std::nullopt, {}, {"x"}}, false},      // a missing answer is not "not x"
        {{"topic", "", std::nullopt, std::nullopt, {"billing"}, {}}, true},
        {{"topic", "", 0, 10, {}, {}}, false},                            // text is not in a numeric range
        {{"", "channel", std::nullopt, std::nullopt, {"email"}, {}}, true},
        {{"", "channel", std::nullopt, std::nullopt, {}, {"email"}}, false},
        {{"", "touchpoint", std::nullopt, std::nullopt, {}, {"checkout"}}, true},  // no touchpoint: not excluded
        {{"", "touchpoint", std::nullopt, std::nullopt, {"checkout"}, {}}, false},
    };
    for (const auto& c : cases) {
        INFO("answer=" << c.c.answer << " context=" << c.c.context);
        CHECK(holds(c.c, answers, context) == c.expected);
    }
}
