// conversation_state: JSON form of the state, as persisted between messages and across restarts.
#include "bot/conversation_state.hpp"

namespace opinia::bot {

using nlohmann::json;

void to_json(json& j, const conversation_context& c) {
    j = json{{"agent", c.agent},
             {"channel", c.channel},
             {"touchpoint", c.touchpoint},
             {"interaction", c.interaction},
             {"stage", c.stage}};
}

void from_json(const json& j, conversation_context& c) {
    // Every field is optional: contexts also arrive from invites and the agents' API.
    c.agent = j.value("agent", std::string());
    c.channel = j.value("channel", std::string());
    c.touchpoint = j.value("touchpoint", std::string());
    c.interaction = j.value("interaction", std::string());
    c.stage = j.value("stage", std::string());
}

void to_json(json& j, const conversation_state& s) {
    j = json{{"id", s.id},
             {"flow", s.flow},
             {"flow_version", s.flow_version},
             {"locale", s.locale},
             {"site", s.site},
             {"customer_id", s.customer_id},
             {"customer_verified", s.customer_verified},
             {"context", s.context},
             {"step_index", s.step_index},
             {"pending_step", s.pending_step},
             {"failed_reads", s.failed_reads},
             {"next_seq", s.next_seq},
             {"acked", s.acked},
             {"acked_step", s.acked_step},
             {"answers", s.answers},
             {"finished_steps", s.finished_steps},
             {"carried_text", s.carried_text},
             {"status", s.status},
             {"started_at_ms", s.started_at_ms},
             {"last_activity_ms", s.last_activity_ms}};
}

// Strict: a persisted state missing a field is corrupt, and at() says which field.
void from_json(const json& j, conversation_state& s) {
    j.at("id").get_to(s.id);
    j.at("flow").get_to(s.flow);
    j.at("flow_version").get_to(s.flow_version);
    j.at("locale").get_to(s.locale);
    j.at("site").get_to(s.site);
    j.at("customer_id").get_to(s.customer_id);
    j.at("customer_verified").get_to(s.customer_verified);
    j.at("context").get_to(s.context);
    j.at("step_index").get_to(s.step_index);
    j.at("pending_step").get_to(s.pending_step);
    j.at("failed_reads").get_to(s.failed_reads);
    j.at("next_seq").get_to(s.next_seq);
    j.at("acked").get_to(s.acked);
    j.at("acked_step").get_to(s.acked_step);
    s.answers = j.at("answers");
    j.at("finished_steps").get_to(s.finished_steps);
    j.at("carried_text").get_to(s.carried_text);
    j.at("status").get_to(s.status);
    j.at("started_at_ms").get_to(s.started_at_ms);
    j.at("last_activity_ms").get_to(s.last_activity_ms);
}

}  // namespace opinia::bot
