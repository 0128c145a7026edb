// invite_policy: sticky sampling by SHA-256 of (flow, customer) and a rolling throttle window.
#include "server/invite_policy.hpp"
#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include "store/secret_token.hpp"

namespace opinia::server {

namespace {

constexpr std::int64_t day_ms = 24LL * 60 * 60 * 1000;

// A misspelt setting would otherwise be ignored without a word.
void refuse_unknown_keys(const nlohmann::json& object, const std::string& where,
                         std::initializer_list<std::string_view> known)
{
    for (const auto& [key, value] : object.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw std::runtime_error("unknown setting '" + where + key + "'");
}

void read_rules(const nlohmann::json& object, const std::string& where, flow_invite_rules& rules)
{
    if (auto it = object.find("throttle_days"); it != object.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 0 || it->get<long long>() > 3650)
            throw std::runtime_error(where + "throttle_days must be a whole number from 0 to 3650");
        rules.throttle_days = it->get<int>();
    }
    if (auto it = object.find("sample_percent"); it != object.end()) {
        if (!it->is_number() || it->get<double>() < 0 || it->get<double>() > 100)
            throw std::runtime_error(where + "sample_percent must be a number from 0 to 100");
        rules.sample_percent = it->get<double>();
    }
}

}  // namespace

const flow_invite_rules& invite_settings::rules_for(const std::string& flow) const
{
    auto it = flows.find(flow);
    return it == flows.end() ? defaults : it->second;
}

void read_invite_settings(const nlohmann::json& config, invite_settings& settings)
{
    if (!config.is_object()) throw std::runtime_error("invites must be an object");
    refuse_unknown_keys(config, "invites.", {"expiry_days", "public_url", "throttle_days", "sample_percent", "flows"});
    if (auto it = config.find("expiry_days"); it != config.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > settings.max_expiry_days)
            throw std::runtime_error("invites.expiry_days must be a whole number from 1 to " +
                                     std::to_string(settings.max_expiry_days));
        settings.expiry_days = it->get<int>();
    }
    if (auto it = config.find("public_url"); it != config.end()) {
        if (!it->is_string()) throw std::runtime_error("invites.public_url must be a string");
        settings.public_url = it->get<std::string>();
        while (!settings.public_url.empty() && settings.public_url.back() == '/') settings.public_url.pop_back();
    }
    read_rules(config, "invites.", settings.defaults);
    if (auto it = config.find("flows"); it != config.end()) {
        if (!it->is_object()) throw std::runtime_error("invites.flows must be an object of flow names");
        for (const auto& [name, rules] : it->items()) {
            if (!rules.is_object()) throw std::runtime_error("invites.flows." + name + " must be an object");
            refuse_unknown_keys(rules, "invites.flows." + name + ".", {"throttle_days", "sample_percent"});
            auto flow_rules = settings.defaults;
            read_rules(rules, "invites.flows." + name + ".", flow_rules);
            settings.flows[name] = flow_rules;
        }
    }
}

double sample_position(const std::string& flow, const std::string& customer_id)
{
    // 32 bits of the hash are plenty for a percentage; a new flow reshuffles who is in.
    const auto hash = store::sha256_hex(flow + '\n' + customer_id);
    const auto bits = std::stoull(hash.substr(0, 8), nullptr, 16);
    return static_cast<double>(bits) / 4294967296.0 * 100.0;
}

invite_decision decide_invite(const flow_invite_rules& rules, const std::string& flow, const std::string& customer_id,
                              std::optional<std::int64_t> last_offered_at_ms, std::int64_t now_ms)
{
    invite_decision d;
    if (sample_position(flow, customer_id) >= rules.sample_percent) {
        d.outcome = invite_outcome::sampled_out;
        return d;
    }
    if (rules.throttle_days > 0 && last_offered_at_ms) {
        const auto next = *last_offered_at_ms + rules.throttle_days * day_ms;
        if (now_ms < next) {
            d.outcome = invite_outcome::throttled;
            d.next_allowed_at_ms = next;
        }
    }
    return d;
}

}  // namespace opinia::server
