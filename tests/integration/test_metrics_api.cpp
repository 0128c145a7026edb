// Metric views over real HTTP: every view answers, the API and `opinia report --view` print the same numbers, events and customers are accepted.
#include <catch2/catch.hpp>
#include <filesystem>
#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <nlohmann/json.hpp>
#include "integration/support/server_process.hpp"

using opinia::testing::http_get;
using opinia::testing::http_result;
using opinia::testing::server_process;
using nlohmann::json;

namespace {

const std::string shared_dir = OPINIA_SHARED_DIR;

std::string create_key(const server_process& server, const std::string& role)
{
    auto out = server.run_cli({"keys", "create", "--db", server.db_path(), "--role", role});
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
}

http_result http_post(unsigned short port, const std::string& target, const std::string& bearer, const std::string& body)
{
    namespace beast = boost::beast;
    namespace http = beast::http;
    boost::asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    request.set(http::field::authorization, "Bearer " + bearer);
    request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    http::read(stream, buffer, response);
    http_result result;
    result.status = static_cast<int>(response.result_int());
    result.body = response.body();
    return result;
}

// `opinia report` output: the JSON after any log lines.
json report(const server_process& server, std::vector<std::string> args)
{
    args.insert(args.begin(), {"report", "--db", server.db_path()});
    const auto out = server.run_cli(args);
    return json::parse(out.substr(out.find('{')));
}

}  // namespace

TEST_CASE("Every view over HTTP matches opinia report on the real files", "[metrics][api]")
{
    server_process server;
    const auto answers = server.run_cli({"import", "responses", shared_dir + "/data/fr-garden-nps/nps.csv", "--db", server.db_path(), "--flow",
                    "garden", "--score", "nps=nps", "--score", "csat=satisfaction:1-10", "--comment", "explication",
                    "--customer", "id", "--encoding", "latin-1", "--missing", "NA"});
    const auto imported = server.run_cli({"import", "customers", shared_dir + "/data/ibm-telco-churn/Telco-Customer-Churn.csv",
                                          "--db", server.db_path(), "--id", "customerID", "--churned", "Churn",
                                          "--attribute", "Contract"});
    REQUIRE(answers.find("rows imported: 13950") != std::string::npos);
    REQUIRE(imported.find("rows imported: 7043") != std::string::npos);
    const auto admin = create_key(server, "admin");
    // The imported survey is a flow an admin can pick, beside the loaded ones.
    const auto flows = json::parse(http_get(server.port(), "/api/v1/flows", admin).body);
    CHECK(flows["answered"] == json::array({"garden"}));
    CHECK(flows["flows"].size() >= 5);

    struct view_case {
        std::string route;
        std::vector<std::string> cli;
    };
    const std::vector<view_case> cases{
        {"/api/v1/metrics/summary?flow=garden", {"--flow", "garden"}},
        {"/api/v1/metrics/trend?bucket=month&tz=Europe/Warsaw", {"--view", "trend", "--bucket", "month", "--tz", "Europe/Warsaw"}},
        {"/api/v1/metrics/segments?by=flow", {"--view", "segments", "--by", "flow"}},
        {"/api/v1/metrics/funnel", {"--view", "funnel"}},
        {"/api/v1/metrics/churn?by=Contract", {"--view", "churn", "--by", "Contract"}},
        {"/api/v1/metrics/journey", {"--view", "journey"}},
        {"/api/v1/metrics/at-risk?limit=5", {"--view", "at-risk", "--param", "limit=5"}},
        {"/api/v1/metrics/themes", {"--view", "themes"}},
    };
    for (const auto& c : cases) {
        INFO(c.route);
        const auto response = http_get(server.port(), c.route, admin);
        REQUIRE(response.status == 200);
        CHECK(json::parse(response.body) == report(server, c.cli));
    }

    // The real numbers behind them, spot-checked.
    const auto summary = json::parse(http_get(server.port(), "/api/v1/metrics/summary", admin).body);
    CHECK(summary["nps"]["n"].get<int>() > 13000);
    const auto churn = json::parse(http_get(server.port(), "/api/v1/metrics/churn?by=Contract", admin).body);
    CHECK(churn["snapshot"]["customers"] == 7043);
    CHECK(churn["snapshot"]["values"][2]["value"] == "Two year");
    CHECK(churn["snapshot"]["values"][2]["rate"].get<double>() < churn["snapshot"]["values"][0]["rate"].get<double>());
    const auto themes = json::parse(http_get(server.port(), "/api/v1/metrics/themes", admin).body);
    CHECK(themes["groups"][0]["group"] == "detractors");
    CHECK(themes["groups"][0]["terms"][0]["count"].get<int>() > 0);
    const auto search = json::parse(http_get(server.port(), "/api/v1/comments?q=accueil&limit=5", admin).body);
    REQUIRE(search["comments"].size() == 5);
    for (const auto& c : search["comments"]) CHECK(c["text"].get<std::string>().find("ccueil") != std::string::npos);
}

TEST_CASE("Journey events and customers through the API feed the journey and churn views", "[metrics][api]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    const auto agent = create_key(server, "agent");

    const json events = {{"events",
                          {{{"customer", "c1"}, {"stage", "awareness"}, {"touchpoint", "ad"}, {"at", "2026-01-05T10:00:00Z"}},
                           {{"customer", "c1"}, {"stage", "consideration"}, {"at", "2026-01-05T12:00:00Z"}},
                           {{"customer", "c2"}, {"stage", "awareness"}, {"at", "2026-01-06T10:00:00Z"}}}}};
    CHECK(http_post(server.port(), "/api/v1/events", agent, events.dump()).status == 201);
    CHECK(http_post(server.port(), "/api/v1/events", agent, R"({"customer":"c3","stage":"shopping"})").status == 400);
    CHECK(http_post(server.port(), "/api/v1/events", agent, "not json").status == 400);
    const auto journey = json::parse(http_get(server.port(), "/api/v1/metrics/journey?from=2026-01-01&to=2026-01-31", admin).body);
    CHECK(journey["stages"][0]["customers"] == 2);
    CHECK(journey["stages"][1]["step_conversion"].get<double>() == Approx(0.5));
    CHECK(journey["stages"][2]["step_conversion"].is_null() == false);  // 0 of 1: a real 0 %
    CHECK(journey["stages"][3]["step_conversion"].is_null());            // 0 of 0: n/a
    CHECK(journey["time_between"][0]["median_seconds"].get<double>() == Approx(7200.0));

    // Agents may send events but not read metrics or write customers.
    CHECK(http_get(server.port(), "/api/v1/metrics/journey", agent).status == 403);
    CHECK(http_get(server.port(), "/api/v1/metrics/churn").status == 401);

    json customers = json::array();
    for (int i = 0; i < 50; ++i) customers.push_back({{"id", "s" + std::to_string(i)}, {"active_from", "2025-06-01"}});
    for (int i = 0; i < 4; ++i) customers[i]["churned_at"] = "2026-01-15";
    for (int i = 0; i < 10; ++i) {
        json c{{"id", "n" + std::to_string(i)}, {"active_from", "2026-01-10"}, {"attributes", {{"plan", "pro"}}}};
        if (i == 0) c["churned_at"] = "2026-01-20";
        customers.push_back(c);
    }
    CHECK(http_post(server.port(), "/api/v1/customers", agent, json{{"customers", customers}}.dump()).status == 403);
    CHECK(http_post(server.port(), "/api/v1/customers", admin, json{{"customers", customers}}.dump()).status == 200);
    const auto churn = json::parse(http_get(server.port(), "/api/v1/metrics/churn?from=2026-01-01&to=2026-01-31", admin).body);
    CHECK(churn["period"]["start"] == 50);
    CHECK(churn["period"]["end"] == 55);
    CHECK(churn["period"]["churn_rate"].get<double>() == Approx(0.08));
    CHECK(churn["period"]["new_customer_churn"].get<double>() == Approx(0.10));
    CHECK(churn["period"]["net_change"].get<double>() == Approx(-0.10));
    // By ISO week in Warsaw: Thu 1 Jan to Sat 31 Jan 2026 touches five weeks, cut to the window at both ends.
    const auto weekly = json::parse(
        http_get(server.port(), "/api/v1/metrics/churn?from=2026-01-01&to=2026-01-31&bucket=week&tz=Europe/Warsaw", admin).body);
    const auto& weeks = weekly["periods"];
    REQUIRE(weeks.size() == 5);
    CHECK(weeks.front()["from"] == weekly["period"]["from"]);
    CHECK(weeks.back()["to"] == weekly["period"]["to"]);
    CHECK(weeks.front()["start"] == 50);
    CHECK(weeks.back()["end"] == 55);
    for (std::size_t i = 0; i + 1 < weeks.size(); ++i) {
        CHECK(weeks[i]["to"] == weeks[i + 1]["from"]);
        CHECK(weeks[i]["end"] == weeks[i + 1]["start"]);
    }
    // A customer attribute segment cuts the customers; a conversation segment cannot, and says so.
    const auto pro = json::parse(
        http_get(server.port(), "/api/v1/metrics/churn?from=2026-01-01&to=2026-01-31&segment=attribute:plan:pro", admin).body);
    CHECK(pro["segment_cuts_customers"] == true);
    CHECK(pro["period"]["start"] == 0);
    CHECK(pro["period"]["joined"] == 10);
    CHECK(pro["period"]["end"] == 9);
    const auto by_agent = json::parse(
        http_get(server.port(), "/api/v1/metrics/churn?from=2026-01-01&to=2026-01-31&segment=agent:anna", admin).body);
    CHECK(by_agent["segment_cuts_customers"] == false);
    CHECK(by_agent["period"]["end"] == 55);
    CHECK_FALSE(churn.contains("segment_cuts_customers"));
    const auto pro_journey = json::parse(http_get(
        server.port(), "/api/v1/metrics/journey?from=2026-01-01&to=2026-01-31&segment=attribute:plan:pro", admin).body);
    CHECK(pro_journey["segment_cuts_customers"] == true);
    CHECK(pro_journey["stages"][0]["customers"] == 0);  // c1 and c2 have no plan

    const auto one = json::parse(http_get(server.port(), "/api/v1/customers/n1", admin).body);
    CHECK(one["attributes"]["plan"] == "pro");
    // Tagging a customer keeps its dates: the churn figures do not move.
    CHECK(http_post(server.port(), "/api/v1/customers", admin, R"({"customers":[{"id":"s0","attributes":{"tier":"gold"}}]})")
              .status == 200);
    const auto tagged = json::parse(http_get(server.port(), "/api/v1/customers/s0", admin).body);
    CHECK(tagged["attributes"]["tier"] == "gold");
    CHECK(tagged["churned_at"].is_string());
    CHECK(tagged["active_from"].is_string());
    const auto after = json::parse(http_get(server.port(), "/api/v1/metrics/churn?from=2026-01-01&to=2026-01-31", admin).body);
    CHECK(after["period"] == churn["period"]);
    CHECK(http_get(server.port(), "/api/v1/metrics/trend?bucket=fortnight", admin).status == 400);
    CHECK(http_get(server.port(), "/api/v1/metrics/segments?by=shoe_size", admin).status == 400);
}

TEST_CASE("Hostile and mistaken metric requests get a 400 naming the field, and the server keeps serving", "[metrics][api]")
{
    server_process server;
    const auto admin = create_key(server, "admin");
    const auto agent = create_key(server, "agent");
    const auto error_code = [](const http_result& r) { return json::parse(r.body)["error"]["code"].get<std::string>(); };

    // 100,000 nested arrays (200 KB, under the body limit): refused whole, never built into a value.
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK(http_post(server.port(), "/api/v1/events", agent, deep).status == 400);
    CHECK(http_post(server.port(), "/api/v1/customers", admin, R"({"customers":)" + deep + "}").status == 400);
    CHECK(http_post(server.port(), "/api/v1/invites", agent, R"({"flow":"nps","customer":)" + deep + "}").status == 400);

    // An empty customer id is refused; a stage in capitals is the same stage.
    CHECK(error_code(http_post(server.port(), "/api/v1/events", agent,
                               R"({"customer":"c1","stage":"awareness","at":"9999-12-31T23:59:59Z"})")) == "invalid_at");
    const auto empty_id = http_post(server.port(), "/api/v1/events", agent, R"({"customer":"","stage":"awareness"})");
    CHECK(empty_id.status == 400);
    CHECK(error_code(empty_id) == "invalid_customer");
    CHECK(http_post(server.port(), "/api/v1/customers", admin, R"({"customers":[{"id":"","churned":true}]})").status == 400);
    CHECK(http_post(server.port(), "/api/v1/customers", admin, R"({"customers":[{"id":"c9","attributes":{"":"x"}}]})").status == 400);
    CHECK(http_post(server.port(), "/api/v1/events", agent, R"({"customer":"c1","stage":"Awareness","at":"2026-01-05T10:00:00Z"})")
              .status == 201);
    const auto journey = json::parse(http_get(server.port(), "/api/v1/metrics/journey?from=2026-01-01&to=2026-01-31", admin).body);
    CHECK(journey["stages"][0]["stage"] == "awareness");
    CHECK(journey["stages"][0]["customers"] == 1);

    // Series wider than max_buckets are refused instead of filling memory with empty buckets.
    const auto wide_trend = http_get(server.port(), "/api/v1/metrics/trend?bucket=day&from=0001-01-01&to=9999-12-31", admin);
    CHECK(wide_trend.status == 400);
    CHECK(error_code(wide_trend) == "invalid_bucket");
    CHECK(http_get(server.port(), "/api/v1/metrics/trend?bucket=month&from=0001-01-01&to=9999-12-31", admin).status == 400);
    CHECK(http_get(server.port(), "/api/v1/metrics/trend?bucket=month&from=1700-01-01&to=2099-12-31", admin).status == 200);
    CHECK(error_code(http_get(server.port(), "/api/v1/metrics/churn?bucket=month", admin)) == "invalid_bucket");
    const auto wide_churn = http_get(server.port(), "/api/v1/metrics/churn?bucket=week&from=1900-01-01&to=2099-12-31", admin);
    CHECK(wide_churn.status == 400);
    CHECK(error_code(wide_churn) == "invalid_bucket");

    // `by` must name an attribute some customer has; the error lists the known ones.
    CHECK(http_post(server.port(), "/api/v1/customers", admin, R"({"customers":[{"id":"c1","attributes":{"plan":"pro"}}]})")
              .status == 200);
    CHECK(http_get(server.port(), "/api/v1/metrics/churn?by=plan", admin).status == 200);
    const auto unknown = http_get(server.port(), "/api/v1/metrics/churn?by=Nope", admin);
    CHECK(unknown.status == 400);
    CHECK(json::parse(unknown.body)["error"]["message"].get<std::string>().find("plan") != std::string::npos);
    CHECK(error_code(http_get(server.port(), "/api/v1/metrics/segments?by=attribute:Nope", admin)) == "invalid_by");

    // A reversed second period names the second period's fields.
    const auto reversed = http_get(
        server.port(), "/api/v1/metrics/compare?from=2026-12-01&to=2026-12-04&compare_from=2026-11-30&compare_to=2026-11-01", admin);
    CHECK(reversed.status == 400);
    CHECK(error_code(reversed) == "invalid_compare_to");

    CHECK(http_get(server.port(), "/api/v1/metrics/summary", admin).status == 200);

    // A report on a mistyped path says so and leaves no new database behind.
    const auto missing = server.db_path() + ".typo";
    const auto refused = opinia::testing::run_opinia({"report", "--db", missing});
    CHECK(refused.exit_status != 0);
    CHECK(refused.output.find("no database at") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(missing));
}
