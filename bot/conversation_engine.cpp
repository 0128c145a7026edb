// conversation_engine: walks a pinned flow version, reads answers, and produces acks, asks and stored answers.
#include "bot/conversation_engine.hpp"

#include <algorithm>
#include "bot/answer_parser.hpp"
#include "bot/phrasebook.hpp"

namespace opinia::bot {

using nlohmann::json;

namespace {

json error_message(const std::string& code, const std::string& message, const std::string& id = {}) {
    json j{{"type", "error"}, {"code", code}, {"message", message}};
    if (!id.empty()) j["id"] = id;
    return j;
}

engine_result failed(const conversation_state& state, json error) {
    engine_result r;
    r.ok = false;
    r.state = state;
    r.messages.push_back(std::move(error));
    return r;
}

// Appends a server message with the conversation's next seq.
void emit(engine_result& r, json message) {
    message["seq"] = r.state.next_seq++;
    r.messages.push_back(std::move(message));
    r.state_changed = true;
}

std::string answer_as_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    return v.dump();
}

// Fills {step} with that step's answer; an answer that is missing (skipped) reads as "—".
std::string render(const std::string& text, const json& answers) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find('{', pos);
        const auto close = open == std::string::npos ? std::string::npos : text.find('}', open);
        if (close == std::string::npos) {
            out += text.substr(pos);
            break;
        }
        out += text.substr(pos, open - pos);
        const auto name = text.substr(open + 1, close - open - 1);
        out += answers.contains(name) && !answers[name].is_null() ? answer_as_text(answers[name]) : "—";
        pos = close + 1;
    }
    return out;
}

bool applies(const flow_step& step, const conversation_state& state) {
    const auto holds_here = [&](const condition& c) { return holds(c, state.answers, state.context); };
    return std::all_of(step.when.begin(), step.when.end(), holds_here) &&
           std::none_of(step.unless.begin(), step.unless.end(), holds_here);
}

std::string step_text(const flow_step& step, const conversation_state& state) {
    for (const auto& variant : step.variants) {
        if (std::all_of(variant.when.begin(), variant.when.end(),
                        [&](const condition& c) { return holds(c, state.answers, state.context); }))
            return render(pick_text(variant.text, state.locale), state.answers);
    }
    return render(pick_text(step.text, state.locale), state.answers);
}

json ask_message(const flow_step& step, const conversation_state& state) {
    json input;
    if (step.is_scale()) {
        input = {{"kind", "scale"}, {"min", step.scale_min}, {"max", step.scale_max}};
        if (step.label_min || step.label_max) {
            input["labels"] = json::object();
            if (step.label_min) input["labels"]["min"] = pick_text(*step.label_min, state.locale);
            if (step.label_max) input["labels"]["max"] = pick_text(*step.label_max, state.locale);
        }
    } else if (step.kind == step_kind::text) {
        input = {{"kind", "text"}, {"max_length", step.max_length}, {"optional", step.optional}};
    } else {
        input = {{"kind", "choice"}, {"options", json::array()}};
        for (const auto& option : step.options)
            input["options"].push_back({{"value", option.value}, {"label", pick_text(option.label, state.locale)}});
    }
    json ask{{"type", "ask"}, {"step", step.id}, {"text", step_text(step, state)}, {"input", input}};
    if (step.is_scale()) ask["question_type"] = step.question_type();  // protocol extension, optional
    return ask;
}

stored_answer blank_answer(const flow_step& step, const std::string& client_id) {
    stored_answer a;
    a.client_id = client_id;
    a.step = step.id;
    a.question_type = step.question_type();
    if (step.is_scale()) {
        a.scale_min = step.scale_min;
        a.scale_max = step.scale_max;
        a.good_from = step.good_from;
    }
    return a;
}

answer_reading read(const flow_step& step, const answer_request& request) {
    if (request.value) {
        if (step.is_scale()) return answer_parser::read_scale_value(*request.value, step.scale_min, step.scale_max);
        if (step.kind == step_kind::choice) return answer_parser::read_choice_value(*request.value, step.options);
        return answer_parser::read_text(answer_as_text(*request.value), step.max_length, step.optional);
    }
    const auto& text = request.text ? *request.text : std::string();
    if (step.is_scale()) return answer_parser::read_scale(text, step.scale_min, step.scale_max);
    if (step.kind == step_kind::choice) return answer_parser::read_choice(text, step.options);
    return answer_parser::read_text(text, step.max_length, step.optional);
}

std::string raw_of(const answer_request& request) {
    if (request.text) return *request.text;
    return request.value ? answer_as_text(*request.value) : std::string();
}

// From step `from` on: says what needs no answer, fills a text step with carried words, and stops at
// the next question to ask — or finishes the flow with `done`.
void advance(engine_result& r, const flow& f, std::size_t from) {
    auto& state = r.state;
    for (std::size_t i = from; i < f.steps.size(); ++i) {
        const auto& step = f.steps[i];
        if (!applies(step, state)) continue;
        if (step.kind == step_kind::say) {
            emit(r, {{"type", "say"}, {"text", step_text(step, state)}});
            continue;
        }
        if (step.kind == step_kind::text && !state.carried_text.empty()) {
            // "10 - great support": the words after the score already answer the "why".
            auto answer = blank_answer(step, "");
            const auto reading = answer_parser::read_text(state.carried_text, step.max_length, true);
            answer.text = reading.text;
            answer.raw_text = state.carried_text;
            answer.parse_method = reading.method == "truncated" ? "carried_truncated" : "carried";
            if (reading.text) state.answers[step.id] = *reading.text;
            state.finished_steps.insert(step.id);
            state.carried_text.clear();
            r.answers.push_back(std::move(answer));
            continue;
        }
        state.step_index = i;
        state.pending_step = step.id;
        state.failed_reads = 0;
        emit(r, ask_message(step, state));
        return;
    }
    state.step_index = f.steps.size();
    state.pending_step.clear();
    state.failed_reads = 0;
    state.carried_text.clear();  // still in the raw text of the answer it came with
    state.status = "completed";
    emit(r, {{"type", "done"}, {"text", render(pick_text(f.done, state.locale), state.answers)}});
}

// Finishes one step with `answer` and moves on: ack first, then what comes next.
void accept(engine_result& r, const flow& f, const flow_step& step, const std::string& id, stored_answer answer,
            std::int64_t now_ms) {
    auto& state = r.state;
    if (answer.value) state.answers[step.id] = *answer.value;
    else if (answer.text && !answer.skipped) state.answers[step.id] = *answer.text;
    state.finished_steps.insert(step.id);
    state.acked[id] = state.next_seq;
    state.acked_step[id] = step.id;
    state.last_activity_ms = now_ms;
    r.answers.push_back(std::move(answer));
    emit(r, {{"type", "ack"}, {"id", id}});
    advance(r, f, state.step_index + 1);
}

}  // namespace

conversation_engine::conversation_engine(const flow_catalog& flows, engine_settings settings)
    : flows_(flows), settings_(std::move(settings)) {}

bool conversation_engine::is_expired(const conversation_state& state, std::int64_t now_ms) const {
    if (state.status == "partial") return true;
    return state.status == "open" && now_ms - state.last_activity_ms > settings_.idle_timeout_ms;
}

engine_result conversation_engine::start(const start_request& request, const std::string& id, const std::string& token,
                                         std::int64_t now_ms) const {
    conversation_state state;
    if (request.flow.empty()) {
        if (!request.invite.empty())
            return failed(state, error_message("invalid_invite", "this invite cannot be used to start a survey"));
        return failed(state, error_message("bad_message", "`start` needs a `flow` or an `invite`"));
    }
    const flow* f = flows_.find(request.flow);
    if (!f) return failed(state, error_message("unknown_flow", "there is no flow named \"" + request.flow + "\""));

    // "pl-PL", "pl_PL", "PL" -> "pl"; a language the flow does not speak falls back to the default, then English.
    std::string language;
    for (char c : request.locale) {
        if (c == '-' || c == '_') break;
        language += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    state.locale = f->has_locale(language) ? language : f->has_locale(settings_.default_locale) ? settings_.default_locale : "en";
    state.id = id;
    state.flow = f->name;
    state.flow_version = f->version;
    state.site = request.site;
    state.customer_id = request.customer_id;
    state.context = request.context;
    state.started_at_ms = now_ms;
    state.last_activity_ms = now_ms;

    engine_result r;
    r.state = std::move(state);
    emit(r, {{"type", "conversation"},
             {"conversation", id},
             {"token", token},
             {"flow", f->name},
             {"locale", r.state.locale}});
    advance(r, *f, 0);
    return r;
}

engine_result conversation_engine::answer(const conversation_state& state, const answer_request& request,
                                          std::int64_t now_ms) const {
    // Exactly once: the same id gets the same ack, whatever happened since.
    if (const auto acked = state.acked.find(request.id); acked != state.acked.end()) {
        engine_result r;
        r.state = state;
        r.messages.push_back({{"type", "ack"}, {"id", request.id}, {"seq", acked->second}});
        return r;
    }
    if (is_expired(state, now_ms)) {
        auto r = failed(state, error_message("expired", phrasebook::expired(state.locale, settings_.idle_timeout_ms), request.id));
        r.state_changed = state.status != "partial";
        r.state.status = "partial";
        return r;
    }
    if (state.finished_steps.count(request.step))
        return failed(state, error_message("already_answered", "step \"" + request.step + "\" was already answered", request.id));
    if (state.status == "completed")
        return failed(state, error_message("not_current_step", "this conversation is complete; there is nothing left to answer", request.id));
    if (state.pending_step.empty() || request.step != state.pending_step)
        return failed(state, error_message("not_current_step",
                                           "step \"" + request.step + "\" is not the question being asked (\"" + state.pending_step + "\")",
                                           request.id));
    const flow* f = flows_.find(state.flow, state.flow_version);
    if (!f || state.step_index >= f->steps.size() || f->steps[state.step_index].id != state.pending_step)
        return failed(state, error_message("unknown_flow", "flow \"" + state.flow + "\" version " +
                                                               std::to_string(state.flow_version) + " is no longer available", request.id));
    const auto& step = f->steps[state.step_index];

    engine_result r;
    r.state = state;
    const auto reading = read(step, request);
    if (!reading.ok) {
        r.state.failed_reads += 1;
        r.state.last_activity_ms = now_ms;
        if (r.state.failed_reads >= std::max(1, settings_.max_failed_reads)) {
            // Given up: recorded as skipped (never as a value) and acked, so the client moves on like any answer.
            auto answer = blank_answer(step, request.id);
            answer.skipped = true;
            answer.raw_text = raw_of(request);
            answer.parse_method = "gave_up:" + reading.problem;
            accept(r, *f, step, request.id, std::move(answer), now_ms);
            return r;
        }
        emit(r, {{"type", "retry"}, {"id", request.id}, {"step", step.id}, {"text", phrasebook::retry(state.locale, step, reading.problem)}});
        return r;
    }

    auto answer = blank_answer(step, request.id);
    answer.raw_text = raw_of(request);
    answer.parse_method = reading.method;
    answer.skipped = reading.skipped;
    if (step.is_scale()) answer.value = reading.value;
    else answer.text = reading.text;
    if (!reading.remainder.empty())
        r.state.carried_text += (r.state.carried_text.empty() ? "" : "\n") + reading.remainder;
    accept(r, *f, step, request.id, std::move(answer), now_ms);
    return r;
}

engine_result conversation_engine::reask(const conversation_state& state, std::int64_t now_ms) const {
    if (is_expired(state, now_ms)) {
        auto r = failed(state, error_message("expired", phrasebook::expired(state.locale, settings_.idle_timeout_ms)));
        r.state_changed = state.status != "partial";
        r.state.status = "partial";
        return r;
    }
    const flow* f = flows_.find(state.flow, state.flow_version);
    if (!f)
        return failed(state, error_message("unknown_flow", "flow \"" + state.flow + "\" version " +
                                                               std::to_string(state.flow_version) + " is no longer available"));
    engine_result r;
    r.state = state;
    r.state.last_activity_ms = now_ms;  // a resume is activity
    if (state.status == "completed") {
        emit(r, {{"type", "done"}, {"text", render(pick_text(f->done, state.locale), state.answers)}});
        return r;
    }
    if (state.step_index >= f->steps.size() || f->steps[state.step_index].id != state.pending_step)
        return failed(state, error_message("not_current_step", "no question is pending in this conversation"));
    emit(r, ask_message(f->steps[state.step_index], r.state));
    return r;
}

}  // namespace opinia::bot
