//! A real salvo server on 127.0.0.1:0 for the tests, on the test's own tokio runtime.

use std::net::SocketAddr;

/// A salvo server on 127.0.0.1, on the current tokio runtime; aborted on drop.
pub struct SalvoServer {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl SalvoServer {
    /// Binds 127.0.0.1:0 and serves `service`.
    ///
    /// # Panics
    ///
    /// If the port cannot be bound.
    pub async fn start(service: impl Into<salvo::Service>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0 for salvo");
        let addr = listener.local_addr().expect("salvo local address");
        let acceptor =
            salvo::conn::tcp::TcpAcceptor::try_from(listener).expect("a salvo TCP acceptor");
        let service = service.into();
        let task = tokio::spawn(salvo::Server::new(acceptor).serve(service));
        SalvoServer { addr, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for SalvoServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
