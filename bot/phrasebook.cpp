// phrasebook: English and Polish texts for retries and expiry.
#include "bot/phrasebook.hpp"

namespace opinia::bot {

namespace {

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
        text.replace(pos, from.size(), to);
    return text;
}

bool polish(const std::string& locale) { return locale == "pl"; }

}  // namespace

std::string phrasebook::retry(const std::string& locale, const flow_step& step, const std::string& problem) {
    const bool pl = polish(locale);
    if (problem == "invalid_utf8")
        return pl ? "Nie udało się odczytać tej odpowiedzi. Proszę wpisać ją ponownie."
                  : "We could not read that answer. Please type it again.";
    if (step.is_scale()) {
        const auto text = pl ? std::string("Proszę odpowiedzieć jedną liczbą całkowitą od {min} do {max}.")
                             : std::string("Please answer with a whole number from {min} to {max}.");
        return replace_all(replace_all(text, "{min}", std::to_string(step.scale_min)), "{max}", std::to_string(step.scale_max));
    }
    if (step.kind == step_kind::choice) {
        std::string list;
        for (std::size_t i = 0; i < step.options.size(); ++i) {
            if (i) list += ", ";
            list += std::to_string(i + 1) + ". " + pick_text(step.options[i].label, locale);
        }
        return (pl ? "Proszę wybrać jedną z opcji: " : "Please choose one of: ") + list + ".";
    }
    return pl ? "Proszę napisać kilka słów — to pytanie wymaga odpowiedzi."
              : "Please write a few words — this question needs an answer.";
}

std::string phrasebook::expired(const std::string& locale, std::int64_t idle_timeout_ms) {
    const auto minutes = std::to_string(idle_timeout_ms / 60000 > 0 ? idle_timeout_ms / 60000 : 1);
    if (polish(locale))
        return "Ta rozmowa wygasła po " + minutes +
               " min bez aktywności. Dotychczasowe odpowiedzi zostały zapisane — dziękujemy!";
    return "This conversation expired after " + minutes +
           " minutes without activity. Your answers so far have been saved — thank you!";
}

std::string phrasebook::chat_error(const std::string& locale, const std::string& reason) {
    struct line {
        const char* reason;
        const char* en;
        const char* pl;
    };
    static const line lines[] = {
        {"invite_taken", "This survey link was just opened elsewhere.", "Ten link do ankiety został właśnie otwarty gdzie indziej."},
        {"invite_invalid", "This survey link is not valid.", "Ten link do ankiety jest nieprawidłowy."},
        {"invite_answered", "This survey was already answered. Thank you!", "Ta ankieta została już wypełniona. Dziękujemy!"},
        {"invite_expired", "This survey link has expired.", "Ten link do ankiety wygasł."},
        {"signature_invalid", "The customer signature is not this site's HMAC-SHA256 of the customer id.",
         "Podpis klienta nie jest HMAC-SHA256 identyfikatora klienta z kluczem tej strony."},
        {"cannot_continue", "This conversation cannot be continued. Please start a new one.",
         "Tej rozmowy nie można kontynuować. Prosimy rozpocząć nową."},
        {"closed_after_pause", "This conversation was closed after a long pause. Thank you!",
         "Ta rozmowa została zamknięta po długiej przerwie. Dziękujemy!"},
        {"answer_before_start", "Send start or resume before answering.", "Przed odpowiedzią wyślij start lub resume."},
        {"storage_unavailable", "Your answer could not be saved. Please send it again.",
         "Nie udało się zapisać odpowiedzi. Prosimy wysłać ją ponownie."},
        {"busy", "The server is busy. Please send your answer again in a moment.",
         "Serwer jest zajęty. Prosimy za chwilę wysłać odpowiedź ponownie."},
    };
    for (const auto& l : lines)
        if (reason == l.reason) return polish(locale) ? l.pl : l.en;
    return polish(locale) ? "Coś poszło nie tak. Spróbuj ponownie później." : "Something went wrong. Please try again later.";
}

}  // namespace opinia::bot
