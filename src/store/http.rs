//! HTTP for the remote back-end (ureq): one agent with the request timeout,
//! basic authentication from the configuration (digest, through
//! `digest_auth`, when the server asks for it), and retries with backoff on
//! transient failures (a 5xx status, a refused or reset connection), never on
//! a 4xx. Every failure becomes one sentence naming the URL.

use super::server::RemoteConfig;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use std::io::Read;
use std::sync::Mutex;
use std::time::Duration;
use ureq::http::Response;
use ureq::{Agent, Body};

/// First wait before a request is tried again; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(250);

/// How much of an error response's body goes into the message.
const ERROR_BODY_CHARS: usize = 300;

pub(super) struct Http {
    agent: Agent,
    /// User and password, when given.
    credentials: Option<(String, String)>,
    /// A bearer token, sent where no user is given.
    token: Option<String>,
    /// The server's digest challenge, once it has sent one: every request
    /// after it answers it.
    digest: Mutex<Option<digest_auth::WwwAuthenticateHeader>>,
    retries: u32,
}

/// A request to send: method, URL (with its query string), headers, body.
pub(super) struct Call<'a> {
    pub method: &'static str,
    pub url: &'a str,
    pub accept: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub body: Option<&'a [u8]>,
}

impl Http {
    pub(super) fn new(config: &RemoteConfig) -> Http {
        let agent: Agent = Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("newskg/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let credentials = config
            .user
            .as_ref()
            .map(|user| (user.clone(), config.password.clone().unwrap_or_default()));
        Http {
            agent,
            credentials,
            token: config.token.clone(),
            digest: Mutex::new(None),
            retries: config.retries,
        }
    }

    /// Sends a request, trying again after transient failures; returns the
    /// response of a 2xx status, or a sentence with the status and the start
    /// of the server's message.
    pub(super) fn send(&self, call: &Call<'_>) -> Result<Response<Body>, String> {
        let mut wait = FIRST_BACKOFF;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let last = attempt > self.retries;
            match self.send_once(call, true) {
                Ok(response) if response.status().is_success() => return Ok(response),
                Ok(response) if response.status() == 401 && self.challenge(call, &response) => {
                    // Answered at once with the new challenge: not a retry.
                    match self.send_once(call, true) {
                        Ok(r) if r.status().is_success() => return Ok(r),
                        Ok(r) => return Err(self.error_message(call, r)),
                        Err(e) => {
                            return Err(format!(
                                "{} {}: {}",
                                call.method,
                                call.url,
                                describe_transport_error(&e)
                            ))
                        }
                    }
                }
                Ok(response) => {
                    let status = response.status();
                    let message = self.error_message(call, response);
                    if !status.is_server_error() || last {
                        return Err(message);
                    }
                }
                Err(e) => {
                    let transient = matches!(
                        e,
                        ureq::Error::Io(_)
                            | ureq::Error::ConnectionFailed
                            | ureq::Error::Timeout(_)
                    );
                    if !transient || last {
                        return Err(format!(
                            "{} {}: {}",
                            call.method,
                            call.url,
                            describe_transport_error(&e)
                        ));
                    }
                }
            }
            std::thread::sleep(wait);
            wait *= 2;
        }
    }

    fn send_once(&self, call: &Call<'_>, with_auth: bool) -> Result<Response<Body>, ureq::Error> {
        let mut builder = ureq::http::Request::builder()
            .method(call.method)
            .uri(call.url);
        if let Some(accept) = call.accept {
            builder = builder.header("Accept", accept);
        }
        if let Some(ct) = call.content_type {
            builder = builder.header("Content-Type", ct);
        }
        if let Some(auth) = self.authorization(call).filter(|_| with_auth) {
            builder = builder.header("Authorization", auth);
        }
        let request = builder
            .body(call.body.unwrap_or(&[]))
            .map_err(|e| ureq::Error::BadUri(e.to_string()))?;
        self.agent.run(request)
    }
}

impl Http {
    /// Takes a digest challenge after a 401: from the response, or, where
    /// the server answers basic credentials with a bare 401 (Virtuoso), from
    /// the same request sent without them. False when there is none to
    /// answer (no credentials, another scheme, or a challenge already
    /// answered with the same nonce, i.e. a wrong password).
    fn challenge(&self, call: &Call<'_>, response: &Response<Body>) -> bool {
        if self.credentials.is_none() {
            return false;
        }
        if self.challenged(response) {
            return true;
        }
        let answered = self.digest.lock().map(|d| d.is_some()).unwrap_or(true);
        !answered
            && self
                .send_once(call, false)
                .is_ok_and(|bare| bare.status() == 401 && self.challenged(&bare))
    }

    /// Takes a digest challenge from a 401 response (see [`Http::challenge`]).
    fn challenged(&self, response: &Response<Body>) -> bool {
        let Some(prompt) = response
            .headers()
            .get_all("WWW-Authenticate")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.trim_start().to_ascii_lowercase().starts_with("digest"))
            .and_then(|v| digest_auth::parse(v).ok())
        else {
            return false;
        };
        let Ok(mut held) = self.digest.lock() else {
            return false;
        };
        if held.as_ref().is_some_and(|h| h.nonce == prompt.nonce) {
            return false;
        }
        *held = Some(prompt);
        true
    }

    /// The Authorization header of a request: the answer to the server's
    /// digest challenge once there is one, else basic.
    fn authorization(&self, call: &Call<'_>) -> Option<String> {
        let Some((user, password)) = self.credentials.as_ref() else {
            return self.token.as_ref().map(|t| format!("Bearer {t}"));
        };
        if let Ok(mut held) = self.digest.lock() {
            if let Some(prompt) = held.as_mut() {
                let uri = call
                    .url
                    .split_once("://")
                    .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
                    .unwrap_or("/");
                let context = digest_auth::AuthContext::new_with_method(
                    user.as_str(),
                    password.as_str(),
                    uri,
                    call.body,
                    digest_auth::HttpMethod::from(call.method),
                );
                if let Ok(answer) = prompt.respond(&context) {
                    return Some(answer.to_string());
                }
            }
        }
        let pair = format!("{user}:{password}");
        Some(format!("Basic {}", BASE64.encode(pair.as_bytes())))
    }
}

fn describe_transport_error(e: &ureq::Error) -> String {
    match e {
        ureq::Error::ConnectionFailed => "the server could not be reached".into(),
        ureq::Error::Timeout(_) => "no answer within the timeout (--timeout)".into(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused (is the server running?)".into()
        }
        other => other.to_string(),
    }
}

impl Http {
    /// "POST URL: 400 Bad Request (what to check): <the start of the
    /// server's message>", an HTML page's text without its tags.
    fn error_message(&self, call: &Call<'_>, response: Response<Body>) -> String {
        let status = response.status();
        let html = media_type(&response).contains("html");
        let mut text = String::new();
        let _ = response
            .into_body()
            .into_reader()
            .take(64 * 1024)
            .read_to_string(&mut text);
        if html {
            text = without_tags(&text);
        }
        let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut text: String = text.chars().take(ERROR_BODY_CHARS).collect();
        if text.chars().count() == ERROR_BODY_CHARS {
            text.push('…');
        }
        let anonymous = self.credentials.is_none() && self.token.is_none();
        let hint = match status.as_u16() {
            401 if anonymous => {
                " (the server refuses anonymous requests: give --user, with NEWSKG_PASSWORD \
                 or ~/.netrc, or NEWSKG_TOKEN)"
            }
            403 if anonymous => {
                " (if the server lets users with credentials do this, give --user, with \
                 NEWSKG_PASSWORD or ~/.netrc, or NEWSKG_TOKEN)"
            }
            401 | 403 => " (check --user and NEWSKG_PASSWORD, or NEWSKG_TOKEN)",
            404 => " (check the endpoint URL)",
            _ => "",
        };
        let reason = status.canonical_reason().unwrap_or("");
        if text.is_empty() {
            format!(
                "{} {}: {} {reason}{hint}",
                call.method,
                call.url,
                status.as_u16()
            )
        } else {
            format!(
                "{} {}: {} {reason}{hint}: {text}",
                call.method,
                call.url,
                status.as_u16()
            )
        }
    }
}

/// The text of an HTML page: its tags (and what `<head>` holds) left out.
fn without_tags(html: &str) -> String {
    let body = match (html.find("</head>"), html.find("</HEAD>")) {
        (Some(i), _) | (None, Some(i)) => &html[i + 7..],
        _ => html,
    };
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The media type of a response, lower case, without its parameters.
pub(super) fn media_type(response: &Response<Body>) -> String {
    response
        .headers()
        .get("Content-Type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Percent-encodes a query-string value.
pub(super) fn encode_component(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_error_page_is_read_as_its_text() {
        let page = "<!DOCTYPE HTML><html><head><title>Failed</title></head><body>\
                    <h1>HTTP/1.1 403 Forbidden</h1><xmp>SQ110: Permission denied</xmp></body></html>";
        let text = without_tags(page);
        let text: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(
            text.join(" "),
            "HTTP/1.1 403 Forbidden SQ110: Permission denied"
        );
    }

    #[test]
    fn components_are_percent_encoded() {
        assert_eq!(
            encode_component("http://x/a b?c=d&é"),
            "http%3A%2F%2Fx%2Fa%20b%3Fc%3Dd%26%C3%A9"
        );
    }
}
