// chat_message: strict, non-throwing decoding of client frames; every refusal names the field.
#include "bot/chat_message.hpp"

#include "bot/untrusted_json.hpp"
#include "bot/utf8_text.hpp"

namespace opinia::bot {

using nlohmann::json;

namespace {

constexpr std::size_t max_answer_id_bytes = 128;  // client ids are short tokens like "m7"; keep state small

// Thrown inside this file only, turned into a decode_error at the edge.
struct field_problem {
    std::string message;
};

[[noreturn]] void refuse(const std::string& field, const std::string& expected) {
    throw field_problem{"field `" + field + "` " + expected};
}

// Absent and null both mean "not given".
const json* find(const json& obj, const char* key) {
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

std::string optional_string(const json& obj, const char* key, const std::string& field) {
    const auto* v = find(obj, key);
    if (!v) return {};
    if (!v->is_string()) refuse(field, "must be a string");
    return v->get<std::string>();
}

std::string required_string(const json& obj, const char* key, const std::string& field) {
    const auto* v = find(obj, key);
    if (!v) refuse(field, "is required");
    if (!v->is_string()) refuse(field, "must be a string");
    if (v->get_ref<const std::string&>().empty()) refuse(field, "must not be empty");
    return v->get<std::string>();
}

start_request decode_start(const json& j) {
    start_request r;
    r.flow = optional_string(j, "flow", "flow");
    r.invite = optional_string(j, "invite", "invite");
    if (r.flow.empty() && r.invite.empty()) throw field_problem{"`start` needs a `flow` or an `invite`"};
    r.site = optional_string(j, "site", "site");
    r.locale = optional_string(j, "locale", "locale");
    if (r.locale.size() > 35) refuse("locale", "must be a language tag such as \"pl-PL\"");
    if (const auto* customer = find(j, "customer")) {
        if (!customer->is_object()) refuse("customer", "must be an object");
        r.customer_id = optional_string(*customer, "id", "customer.id");
        r.customer_signature = optional_string(*customer, "signature", "customer.signature");
        if (const auto* attributes = find(*customer, "attributes")) {
            if (!attributes->is_object()) refuse("customer.attributes", "must be an object");
            r.customer_attributes = *attributes;
        }
    }
    if (const auto* context = find(j, "context")) {
        if (!context->is_object()) refuse("context", "must be an object");
        r.context.agent = optional_string(*context, "agent", "context.agent");
        r.context.channel = optional_string(*context, "channel", "context.channel");
        r.context.touchpoint = optional_string(*context, "touchpoint", "context.touchpoint");
        r.context.interaction = optional_string(*context, "interaction", "context.interaction");
        r.context.stage = optional_string(*context, "stage", "context.stage");
    }
    return r;
}

resume_request decode_resume(const json& j) {
    resume_request r;
    r.conversation = required_string(j, "conversation", "conversation");
    r.token = required_string(j, "token", "token");
    if (const auto* last_seq = find(j, "last_seq")) {
        if (!last_seq->is_number_integer()) refuse("last_seq", "must be a whole number");
        if (last_seq->is_number_unsigned() && last_seq->get<std::uint64_t>() > INT64_MAX) refuse("last_seq", "is too large");
        r.last_seq = last_seq->get<std::int64_t>();
        if (r.last_seq < 0) refuse("last_seq", "must not be negative");
    }
    return r;
}

answer_request decode_answer(const json& j) {
    answer_request r;
    // A numeric id is accepted and kept as its decimal text: 7 and "7" are the same answer.
    const auto* id = find(j, "id");
    if (!id) refuse("id", "is required");
    if (id->is_string()) r.id = id->get<std::string>();
    else if (id->is_number_integer()) r.id = id->dump();
    else refuse("id", "must be a string");
    if (r.id.empty()) refuse("id", "must not be empty");
    if (r.id.size() > max_answer_id_bytes) refuse("id", "must be at most 128 bytes");
    r.step = required_string(j, "step", "step");
    if (const auto* text = find(j, "text")) {
        if (!text->is_string()) refuse("text", "must be a string");
        r.text = text->get<std::string>();
    }
    if (const auto* value = find(j, "value")) {
        if (!value->is_number() && !value->is_string()) refuse("value", "must be a number or a string");
        r.value = *value;
    }
    if (r.text.has_value() == r.value.has_value())
        throw field_problem{"`answer` needs exactly one of `text` (typed) or `value` (a quick reply)"};
    return r;
}

}  // namespace

client_message decode_client_message(std::string_view frame) {
    try {
        const auto j = parse_untrusted_json(frame);
        if (j.is_discarded()) return decode_error{"bad_message", "the message is not valid JSON (or not valid UTF-8, or nested too deeply)"};
        if (!j.is_object()) return decode_error{"bad_message", "the message must be a JSON object"};
        const auto* type = find(j, "type");
        if (!type) return decode_error{"bad_message", "field `type` is required"};
        if (!type->is_string()) return decode_error{"bad_message", "field `type` must be a string"};
        const auto& name = type->get_ref<const std::string&>();
        if (name == "start") return decode_start(j);
        if (name == "resume") return decode_resume(j);
        if (name == "answer") return decode_answer(j);
        return decode_error{"unknown_type", "unknown message type \"" + truncate_code_points(name, 64) + "\""};
    } catch (const field_problem& p) {
        return decode_error{"bad_message", p.message};
    } catch (const std::exception& e) {
        return decode_error{"bad_message", std::string("the message could not be read: ") + e.what()};
    }
}

}  // namespace opinia::bot
