// response_routes: shared filters, JSON shapes per row, and exports built page by page from the same listing.
#include "server/response_routes.hpp"
#include "server/api_error.hpp"
#include "server/csv_writer.hpp"
#include "server/iso_time.hpp"
#include "server/json_response.hpp"
#include "server/period_filter.hpp"
#include "server/request_body.hpp"

namespace opinia::server {

namespace {

nlohmann::json optional_json(const std::optional<int>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

int score_bound(const api_call& call, const char* name, int fallback)
{
    const auto text = call.query(name);
    if (text.empty()) return fallback;
    if (text.size() > 2 || text.find_first_not_of("0123456789") != std::string::npos)
        throw invalid_filter(name, std::string("'") + name + "' must be a whole number from 0 to 10, got '" + text + "'");
    return std::stoi(text);
}

// score_group=promoter|passive|detractor (NPS), or type=nps|csat|ces with optional min and max.
std::optional<store::score_range> read_score_range(const api_call& call)
{
    const auto group = call.query("score_group");
    const auto type = call.query("type");
    if (!group.empty() && !type.empty())
        throw invalid_filter("score_group", "Give either 'score_group' or 'type' with 'min'/'max', not both.");
    if (group == "promoter") return store::score_range{"nps", 9, 10};
    if (group == "passive") return store::score_range{"nps", 7, 8};
    if (group == "detractor") return store::score_range{"nps", 0, 6};
    if (!group.empty())
        throw invalid_filter("score_group", "'score_group' must be promoter, passive or detractor, got '" + group + "'");
    if (type.empty()) {
        if (!call.query("min").empty() || !call.query("max").empty())
            throw invalid_filter("type", "'min' and 'max' need a 'type' (nps, csat or ces).");
        return std::nullopt;
    }
    if (type != "nps" && type != "csat" && type != "ces")
        throw invalid_filter("type", "'type' must be nps, csat or ces, got '" + type + "'");
    store::score_range range{type, score_bound(call, "min", 0), score_bound(call, "max", 10)};
    if (range.min > range.max) throw invalid_filter("min", "'min' must not be above 'max'.");
    return range;
}

store::response_filter read_filter(const api_call& call, const export_settings& settings)
{
    store::response_filter f;
    f.period = make_period_filter(call.query("flow"), call.query("from"), call.query("to"), call.query("tz"));
    f.agent = call.query("agent");
    f.channel = call.query("channel");
    f.customer_id = call.query("customer");
    f.score = read_score_range(call);
    if (const auto cursor = call.query("cursor"); !cursor.empty()) f.before = positive_id(cursor, "cursor");
    if (const auto limit = call.query("limit"); !limit.empty()) {
        f.limit = static_cast<int>(std::min<std::int64_t>(positive_id(limit, "limit"), settings.max_list_limit + 1));
        if (f.limit > settings.max_list_limit)
            throw invalid_filter("limit", "'limit' must be at most " + std::to_string(settings.max_list_limit));
    }
    return f;
}

nlohmann::json context_json(const store::conversation_record& c)
{
    return {{"conversation", c.id},
            {"flow", c.flow},
            {"flow_version", c.flow_version},
            {"status", c.status},
            {"source", c.source},
            {"locale", c.locale},
            {"site", c.site},
            {"customer", c.customer_id},
            {"customer_verified", c.customer_verified},
            {"agent", c.agent},
            {"channel", c.channel},
            {"touchpoint", c.touchpoint},
            {"interaction", c.interaction},
            {"stage", c.stage}};
}

nlohmann::json answer_fields(const store::answer_record& a)
{
    return {{"step", a.step},
            {"question_type", a.question_type},
            {"scale", {{"min", a.scale_min}, {"max", a.scale_max}}},
            {"value", optional_json(a.value)},
            {"text", a.text ? nlohmann::json(*a.text) : nlohmann::json(nullptr)},
            {"raw_text", a.raw_text},
            {"parse_method", a.parse_method},
            {"skipped", a.skipped},
            {"created_at", iso_time(a.created_at_ms)}};
}

nlohmann::json answer_row_json(const store::answer_row& row)
{
    auto j = context_json(row.conversation);
    j.update(answer_fields(row.answer));
    j["id"] = row.id;
    return j;
}

nlohmann::json conversation_row_json(const store::conversation_row& row)
{
    auto j = context_json(row.conversation);
    j["created_at"] = iso_time(row.conversation.created_at_ms);
    j["updated_at"] = iso_time(row.conversation.updated_at_ms);
    j["nps"] = optional_json(row.nps);
    j["csat"] = optional_json(row.csat);
    j["ces"] = optional_json(row.ces);
    j["comment"] = row.comment ? nlohmann::json(*row.comment) : nlohmann::json(nullptr);
    j["answers"] = row.answers;
    return j;
}

void context_cells(csv_writer& w, const store::conversation_record& c)
{
    w.text(c.flow).text(c.status).text(c.customer_id).number(c.customer_verified ? 1 : 0).text(c.agent)
        .text(c.channel).text(c.touchpoint).text(c.interaction).text(c.stage).text(c.locale);
}

constexpr const char* context_header = "flow,status,customer,customer_verified,agent,channel,touchpoint,interaction,"
                                       "stage,locale";

// Reads pages of `fetch` until the filter is exhausted, writing each row; refuses exports beyond max_rows.
template <typename Row, typename Fetch, typename Write>
void for_each_row(store::response_filter filter, const export_settings& settings, Fetch fetch, Write write)
{
    filter.limit = settings.page_rows;
    int total = 0;
    for (;;) {
        const std::vector<Row> page = fetch(filter);
        for (const auto& row : page) {
            if (++total > settings.max_rows)
                throw api_error(http::status::payload_too_large, "export_too_large",
                                "More than " + std::to_string(settings.max_rows) +
                                    " rows match; narrow the period or filters.");
            write(row);
        }
        if (static_cast<int>(page.size()) < filter.limit) return;
        if constexpr (std::is_same_v<Row, store::answer_row>) filter.before = page.back().id;
        else filter.before = page.back().cursor;
    }
}

bool wants_csv(const api_call& call)
{
    const auto format = call.query("format");
    if (format.empty() || format == "csv") return true;
    if (format == "ndjson") return false;
    throw invalid_filter("format", "'format' must be csv or ndjson, got '" + format + "'");
}

http_response export_response(const api_call& call, bool csv, std::string body, const std::string& name)
{
    auto response = make_response(call.request, http::status::ok, std::move(body),
                                  csv ? "text/csv; charset=utf-8" : "application/x-ndjson");
    response.set(http::field::content_disposition,
                 "attachment; filename=\"" + name + (csv ? ".csv\"" : ".ndjson\""));
    response.set(http::field::cache_control, "no-store");
    return response;
}

template <typename Row>
nlohmann::json page_json(const char* key, const std::vector<Row>& rows, int limit,
                         nlohmann::json (*to_json)(const Row&), std::int64_t (*cursor_of)(const Row&))
{
    auto list = nlohmann::json::array();
    for (const auto& r : rows) list.push_back(to_json(r));
    nlohmann::json next = nullptr;
    if (static_cast<int>(rows.size()) == limit && !rows.empty()) next = std::to_string(cursor_of(rows.back()));
    return {{key, list}, {"next_cursor", next}};
}

}  // namespace

void add_response_routes(route_table& routes, store::response_listing& listing, store::response_store& responses,
                         export_settings settings)
{
    routes.add(http::verb::get, "/api/v1/responses", route_access::admin, [&listing, settings](const api_call& call) {
        const auto filter = read_filter(call, settings);
        return json_response(call.request, http::status::ok,
                             page_json<store::answer_row>("responses", listing.answers(filter), filter.limit,
                                                          answer_row_json,
                                                          [](const store::answer_row& r) { return r.id; }));
    });

    routes.add(http::verb::get, "/api/v1/conversations", route_access::admin, [&listing, settings](const api_call& call) {
        const auto filter = read_filter(call, settings);
        return json_response(call.request, http::status::ok,
                             page_json<store::conversation_row>("conversations", listing.conversations(filter),
                                                                filter.limit, conversation_row_json,
                                                                [](const store::conversation_row& r) { return r.cursor; }));
    });

    routes.add(http::verb::get, "/api/v1/conversations/{id}", route_access::admin, [&responses](const api_call& call) {
        const auto& id = call.params.at("id");
        const auto conversation = id.size() > 128 ? std::nullopt : responses.find_conversation(id);
        if (!conversation)
            throw api_error(http::status::not_found, "not_found", "There is no conversation '" + id + "'.");
        auto j = context_json(*conversation);
        j["created_at"] = iso_time(conversation->created_at_ms);
        j["updated_at"] = iso_time(conversation->updated_at_ms);
        auto answers = nlohmann::json::array();
        for (const auto& a : responses.answers_of(id)) answers.push_back(answer_fields(a));
        j["answers"] = answers;
        return json_response(call.request, http::status::ok, j);
    });

    routes.add(http::verb::get, "/api/v1/export/answers", route_access::admin, [&listing, settings](const api_call& call) {
        const bool csv = wants_csv(call);
        const auto filter = read_filter(call, settings);
        std::string body;
        csv_writer w(body);
        if (csv)
            body += std::string("id,conversation,created_at,step,question_type,value,text,raw_text,skipped,") +
                    context_header + "\r\n";
        for_each_row<store::answer_row>(filter, settings, [&](const auto& f) { return listing.answers(f); },
                                        [&](const store::answer_row& r) {
            if (!csv) {
                body += answer_row_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
                return;
            }
            const auto& a = r.answer;
            w.number(r.id).text(a.conversation_id).text(iso_time(a.created_at_ms)).text(a.step).text(a.question_type)
                .number(a.value ? std::optional<std::int64_t>(*a.value) : std::nullopt).text(a.text.value_or(""))
                .text(a.raw_text).number(a.skipped ? 1 : 0);
            context_cells(w, r.conversation);
            w.end_row();
        });
        return export_response(call, csv, std::move(body), "answers");
    });

    routes.add(http::verb::get, "/api/v1/export/conversations", route_access::admin,
               [&listing, settings](const api_call& call) {
        const bool csv = wants_csv(call);
        const auto filter = read_filter(call, settings);
        std::string body;
        csv_writer w(body);
        if (csv) body += std::string("conversation,created_at,nps,csat,ces,comment,answers,") + context_header + "\r\n";
        const auto number = [](const std::optional<int>& v) {
            return v ? std::optional<std::int64_t>(*v) : std::nullopt;
        };
        for_each_row<store::conversation_row>(filter, settings, [&](const auto& f) { return listing.conversations(f); },
                                              [&](const store::conversation_row& r) {
            if (!csv) {
                body += conversation_row_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
                return;
            }
            w.text(r.conversation.id).text(iso_time(r.conversation.created_at_ms)).number(number(r.nps))
                .number(number(r.csat)).number(number(r.ces)).text(r.comment.value_or("")).number(r.answers);
            context_cells(w, r.conversation);
            w.end_row();
        });
        return export_response(call, csv, std::move(body), "conversations");
    });
}

}  // namespace opinia::server
