// chat_service: the glue between sockets, the pure engine and the durable store.
#include "server/chat_service.hpp"
#include "bot/phrasebook.hpp"
#include <chrono>
#include <boost/asio/post.hpp>
#include "server/server_log.hpp"
#include "server/webhook_events.hpp"
#include "store/secret_token.hpp"

namespace opinia::server {

namespace {

nlohmann::json error_message(const std::string& code, const std::string& message)
{
    return {{"type", "error"}, {"code", code}, {"message", message}};
}

std::string describe(const std::exception_ptr& failure)
{
    try {
        std::rethrow_exception(failure);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown failure";
    }
}

store::answer_record to_record(const bot::stored_answer& a, const bot::conversation_state& s, std::int64_t now)
{
    store::answer_record r;
    r.conversation_id = s.id;
    r.client_id = a.client_id;
    r.step = a.step;
    r.question_type = a.question_type;
    r.scale_min = a.scale_min;
    r.scale_max = a.scale_max;
    r.good_from = a.good_from;
    r.value = a.value;
    r.text = a.text;
    r.raw_text = a.raw_text;
    r.parse_method = a.parse_method;
    r.skipped = a.skipped;
    r.flow = s.flow;
    r.flow_version = s.flow_version;
    r.customer_id = s.customer_id;
    r.created_at_ms = now;
    return r;
}

}  // namespace

chat_service::chat_service(boost::asio::io_context& ioc, const bot::conversation_engine& engine,
                           store::answer_writer& writer, store::database& read_db, clock_ms now)
    : ioc_(ioc), engine_(engine), writer_(writer), reader_(read_db), now_(std::move(now)), invites_(read_db),
      sites_(read_db)
{
}

void chat_service::handle_frame(const std::shared_ptr<chat_peer>& peer, std::string_view frame,
                                std::function<void()> ready)
{
    if (draining_) return;  // shutting down: the socket is about to be closed with 1001
    auto message = bot::decode_client_message(frame);
    std::visit(
        [&](auto& request) {
            using request_type = std::decay_t<decltype(request)>;
            if constexpr (std::is_same_v<request_type, bot::decode_error>) {
                peer->send(error_message(request.code, request.message));
                ready();
            } else if constexpr (std::is_same_v<request_type, bot::start_request>) {
                on_start(peer, request, std::move(ready));
            } else if constexpr (std::is_same_v<request_type, bot::resume_request>) {
                on_resume(peer, request, std::move(ready));
            } else {
                on_answer(peer, request, std::move(ready));
            }
        },
        message);
}

void chat_service::on_start(const std::shared_ptr<chat_peer>& peer, const bot::start_request& request,
                            std::function<void()> ready)
{
    const auto id = store::make_secret_token("c_", 12);
    auto token = store::make_secret_token("r_", 24);
    auto effective = request;
    peer->locale = request.locale;
    bool verified = false;
    if (!request.invite.empty()) {
        auto invite = open_invite(peer, request, ready);
        if (!invite) return;
        // The invite binds flow, customer and context; its token is also the resume token, so opening the
        // link again continues this conversation (docs/api.md).
        const auto& bound = invite->request;
        effective.flow = bound.flow;
        effective.customer_id = bound.customer_id;
        effective.customer_signature.clear();
        effective.context = {bound.agent, bound.channel, bound.touchpoint, bound.interaction, bound.stage};
        // The agent who sent the invite knows the customer's language better than the browser does.
        if (!bound.locale.empty()) effective.locale = bound.locale;
        token = request.invite;
        verified = true;  // an agent's key vouched for this customer
        if (!invites_.bind(invite->id, id, invite->conversation_id, now_())) {
            peer->send(error_message("invalid_invite", bot::phrasebook::chat_error(effective.locale, "invite_taken")));
            return ready();
        }
    } else if (!check_signature(peer, request, verified)) {
        return ready();
    }
    auto result = engine_.start(effective, id, token, now_());
    if (!result.ok) {
        for (const auto& m : result.messages) peer->send(m);
        return ready();
    }
    result.state.customer_verified = verified;
    detach(*peer);
    live_conversation live;
    live.state = result.state;
    live.token_hash = store::sha256_hex(token);
    live_.emplace(id, std::move(live));
    attach(peer, id);
    if (stats_) stats_->conversation_started();
    log_event("info", "conversation_started", {{"conversation", id}, {"flow", result.state.flow},
                                               {"flow_version", result.state.flow_version},
                                               {"locale", result.state.locale},
                                               {"invited", !request.invite.empty()}, {"verified", verified}});
    commit_then_send(peer, id, std::move(result), std::move(ready));
}

std::optional<store::invite_record> chat_service::open_invite(const std::shared_ptr<chat_peer>& peer,
                                                              const bot::start_request& request,
                                                              std::function<void()>& ready)
{
    auto invite = invites_.find_by_token(request.invite);
    if (!invite) {
        peer->send(error_message("invalid_invite", bot::phrasebook::chat_error(request.locale, "invite_invalid")));
        ready();
        return std::nullopt;
    }
    if (invite->conversation_id) {
        if (auto* live = find_or_load(*invite->conversation_id)) {
            if (live->state.status == "open") {
                on_resume(peer, bot::resume_request{*invite->conversation_id, request.invite, 0}, std::move(ready));
            } else {
                peer->send(error_message("invalid_invite", bot::phrasebook::chat_error(live->state.locale, "invite_answered")));
                ready();
            }
            return std::nullopt;
        }
        // Bound to a conversation that was never stored: begin it afresh.
    } else if (now_() >= invite->expires_at_ms) {
        peer->send(error_message("expired", bot::phrasebook::chat_error(invite->request.locale.empty() ? request.locale : invite->request.locale, "invite_expired")));
        ready();
        return std::nullopt;
    }
    return invite;
}

bool chat_service::check_signature(const std::shared_ptr<chat_peer>& peer, const bot::start_request& request,
                                   bool& verified)
{
    verified = false;
    if (request.customer_signature.empty()) return true;  // recorded, unverified
    const auto site = sites_.find(request.site);
    if (!site || request.customer_id.empty() ||
        !store::constant_time_equal(store::hmac_sha256_hex(site->secret, request.customer_id),
                                    request.customer_signature)) {
        peer->send(error_message("invalid_signature", bot::phrasebook::chat_error(request.locale, "signature_invalid")));
        return false;
    }
    verified = true;
    return true;
}

void chat_service::on_resume(const std::shared_ptr<chat_peer>& peer, const bot::resume_request& request,
                             std::function<void()> ready)
{
    auto* live = find_or_load(request.conversation);
    if (!live || !store::constant_time_equal(live->token_hash, store::sha256_hex(request.token))) {
        peer->send(error_message("expired", bot::phrasebook::chat_error(live ? live->state.locale : peer->locale, "cannot_continue")));
        return ready();
    }
    // Rule 4: closed after a long pause, now or earlier (by the sweep), it is never restarted.
    if (live->state.status == "partial" || (live->state.status == "open" && engine_.is_expired(live->state, now_()))) {
        live->state.status = "partial";
        peer->send(error_message("expired", bot::phrasebook::chat_error(live->state.locale, "closed_after_pause")));
        return ready();
    }
    if (auto previous = live->peer.lock(); previous && previous != peer) {
        log_event("info", "conversation_taken_over", {{"conversation", request.conversation}});
        previous->conversation.clear();
        previous->close(4001, "resumed elsewhere");
    }
    detach(*peer);
    attach(peer, request.conversation);
    peer->locale = live->state.locale;

    bool pending_replayed = false;
    bool done_replayed = false;
    for (const auto& m : live->log) {
        if (m.value("seq", std::int64_t{0}) <= request.last_seq) continue;
        peer->send(m);
        pending_replayed |= m.value("type", "") == "ask" && m.value("step", "") == live->state.pending_step;
        done_replayed |= m.value("type", "") == "done";
    }
    // Rule 3: a pending question is among the replayed messages or asked again (fresh seq); a finished
    // conversation says `done` again. Both also after a restart, when the message log is gone.
    const bool completed = live->state.status == "completed";
    if (completed ? done_replayed : (pending_replayed || live->state.status != "open" ||
                                     live->state.pending_step.empty()))
        return ready();
    commit_then_send(peer, request.conversation, engine_.reask(live->state, now_()), std::move(ready));
}

void chat_service::on_answer(const std::shared_ptr<chat_peer>& peer, const bot::answer_request& request,
                             std::function<void()> ready)
{
    const auto conversation_id = peer->conversation;
    auto* live = conversation_id.empty() ? nullptr : find_or_load(conversation_id);
    if (!live || live->peer.lock() != peer) {
        peer->send(error_message("bad_message", bot::phrasebook::chat_error(live ? live->state.locale : peer->locale, "answer_before_start")));
        return ready();
    }
    const auto previous_seq = live->state.next_seq;
    auto result = engine_.answer(live->state, request, now_());
    if (!result.ok) {
        if (result.state.status == "partial") live->state.status = "partial";
        for (const auto& m : result.messages) peer->send(m);
        return ready();
    }
    // A repeated answer id: the engine re-sends the original ack; nothing new to store.
    if (result.answers.empty() && result.state.next_seq == previous_seq) {
        for (const auto& m : result.messages) peer->send(m);
        return ready();
    }
    commit_then_send(peer, conversation_id, std::move(result), std::move(ready));
}

void chat_service::commit_then_send(const std::shared_ptr<chat_peer>& peer, const std::string& conversation_id,
                                    bot::engine_result result, std::function<void()> ready)
{
    auto& live = live_.at(conversation_id);
    auto write = to_write(live, result);
    const auto before = live.state;
    // The next frame is read only after this commit, so the engine always sees the latest state.
    live.state = result.state;
    auto messages = std::make_shared<std::vector<nlohmann::json>>(std::move(result.messages));
    const auto submitted = std::chrono::steady_clock::now();
    const auto answers = write.answers.size();
    const bool queues_events = !write.events.empty();
    const bool completes = result.state.status == "completed" && before.status != "completed";
    auto on_committed = [this, peer, conversation_id, messages, before, ready, submitted, answers, queues_events,
                         completes](std::exception_ptr failure) {
        boost::asio::post(ioc_, [this, peer, conversation_id, messages, before, ready, failure, submitted, answers,
                                 queues_events, completes] {
            --in_flight_;
            if (stats_ && !failure)
                stats_->write_committed(
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - submitted).count(), answers);
            if (failure) {
                log_event("error", "answer_commit_failed", {{"conversation", conversation_id},
                                                            {"error", describe(failure)}});
                if (auto it = live_.find(conversation_id); it != live_.end()) it->second.state = before;
                peer->send(error_message("storage_unavailable", bot::phrasebook::chat_error(before.locale, "storage_unavailable")));
            } else {
                if (queues_events && on_events_queued_) on_events_queued_();
                if (completes) log_event("info", "conversation_completed", {{"conversation", conversation_id}});
                deliver(conversation_id, *messages);
            }
            ready();
        });
    };
    ++in_flight_;
    if (!writer_.submit(std::move(write), on_committed)) {
        --in_flight_;
        live.state = before;
        peer->send(error_message("throttled", bot::phrasebook::chat_error(before.locale, "busy")));
        ready();
    }
}

void chat_service::deliver(const std::string& conversation_id, const std::vector<nlohmann::json>& messages)
{
    auto it = live_.find(conversation_id);
    if (it == live_.end()) return;
    auto peer = it->second.peer.lock();
    for (const auto& m : messages) {
        it->second.log.push_back(m);
        if (peer) peer->send(m);
    }
}

chat_service::live_conversation* chat_service::find_or_load(const std::string& conversation_id)
{
    if (auto it = live_.find(conversation_id); it != live_.end())
        return &it->second;
    if (conversation_id.empty() || conversation_id.size() > 128)
        return nullptr;
    auto record = reader_.find_conversation(conversation_id);
    if (!record || record->source != "chat" || record->state_json.empty())
        return nullptr;
    auto parsed = nlohmann::json::parse(record->state_json, nullptr, false);
    if (parsed.is_discarded())
        return nullptr;
    live_conversation live;
    live.state = parsed.get<bot::conversation_state>();
    live.token_hash = record->token_hash;
    return &live_.emplace(conversation_id, std::move(live)).first->second;
}

void chat_service::attach(const std::shared_ptr<chat_peer>& peer, const std::string& conversation_id)
{
    live_.at(conversation_id).peer = peer;
    peer->conversation = conversation_id;
}

void chat_service::detach(chat_peer& peer)
{
    if (peer.conversation.empty()) return;
    if (auto live = live_.find(peer.conversation); live != live_.end()) {
        auto current = live->second.peer.lock();
        if (!current || current.get() == &peer) live->second.peer.reset();
    }
    peer.conversation.clear();
}

void chat_service::close_all(unsigned short code, const std::string& reason)
{
    for (auto& [id, live] : live_)
        if (auto peer = live.peer.lock()) peer->close(code, reason);
}

void chat_service::sweep()
{
    const auto now = now_();
    for (auto it = live_.begin(); it != live_.end();) {
        auto& live = it->second;
        const bool attached = !live.peer.expired();
        const bool idle = engine_.is_expired(live.state, now);
        if (idle && live.state.status == "open") {
            live.state.status = "partial";
            bot::engine_result closing;
            closing.state = live.state;
            writer_.submit(to_write(live, closing), [](std::exception_ptr) {});
        }
        if (!attached && (idle || live.state.status != "open"))
            it = live_.erase(it);
        else
            ++it;
    }
}

store::conversation_write chat_service::to_write(const live_conversation& live, const bot::engine_result& result) const
{
    const auto& s = result.state;
    const auto now = now_();
    store::conversation_write write;
    auto& c = write.conversation;
    c.id = s.id;
    c.token_hash = live.token_hash;
    c.flow = s.flow;
    c.flow_version = s.flow_version;
    c.locale = s.locale;
    c.site = s.site;
    c.customer_id = s.customer_id;
    c.customer_verified = s.customer_verified;
    c.agent = s.context.agent;
    c.channel = s.context.channel;
    c.touchpoint = s.context.touchpoint;
    c.interaction = s.context.interaction;
    c.stage = s.context.stage;
    c.status = s.status;
    c.source = "chat";
    c.state_json = nlohmann::json(s).dump();
    c.created_at_ms = s.started_at_ms;
    c.updated_at_ms = now;
    for (const auto& a : result.answers)
        write.answers.push_back(to_record(a, s, now));
    // Queued in the same transaction as the answers, so an acked answer's events survive a crash too.
    write.events = webhook_events_for(live.state, s, write.answers, now);
    return write;
}

}  // namespace opinia::server
