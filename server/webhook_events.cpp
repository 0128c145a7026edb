// webhook_events: events are described by the conversation and its context, never by its resume token.
#include "server/webhook_events.hpp"
#include <nlohmann/json.hpp>
#include "server/iso_time.hpp"

namespace opinia::server {

namespace {

constexpr int last_detractor_score = 6;

nlohmann::json conversation_json(const bot::conversation_state& s)
{
    const auto& c = s.context;
    return {{"id", s.id},
            {"flow", s.flow},
            {"flow_version", s.flow_version},
            {"locale", s.locale},
            {"site", s.site},
            {"status", s.status},
            {"customer", {{"id", s.customer_id}, {"verified", s.customer_verified}}},
            {"context", {{"agent", c.agent}, {"channel", c.channel}, {"touchpoint", c.touchpoint},
                         {"interaction", c.interaction}, {"stage", c.stage}}},
            {"started_at", iso_time(s.started_at_ms)},
            {"answers", s.answers}};
}

store::webhook_event make_event(const std::string& type, const bot::conversation_state& s, nlohmann::json body,
                                std::int64_t now_ms)
{
    store::webhook_event e;
    e.type = type;
    e.id = "evt_" + s.id + "_" + type.substr(type.find('.') + 1);
    body["id"] = e.id;
    body["type"] = type;
    body["created_at"] = iso_time(now_ms);
    body["conversation"] = conversation_json(s);
    e.body = body.dump();
    return e;
}

}  // namespace

std::vector<store::webhook_event> webhook_events_for(const bot::conversation_state& before,
                                                     const bot::conversation_state& after,
                                                     const std::vector<store::answer_record>& answers,
                                                     std::int64_t now_ms)
{
    std::vector<store::webhook_event> events;
    for (const auto& a : answers) {
        if (a.question_type != "nps" || a.skipped || !a.value || *a.value > last_detractor_score) continue;
        nlohmann::json score = {{"step", a.step}, {"value", *a.value}, {"raw_text", a.raw_text}};
        events.push_back(make_event("response.detractor", after, {{"score", score}}, now_ms));
    }
    if (before.status != "completed" && after.status == "completed")
        events.push_back(make_event("response.completed", after, nlohmann::json::object(), now_ms));
    return events;
}

}  // namespace opinia::server
