//! A real poem server on 127.0.0.1:0, on the test's own tokio runtime.

use std::net::SocketAddr;

/// A poem server on 127.0.0.1, on the current tokio runtime; aborted on drop.
pub struct PoemServer {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl PoemServer {
    /// Binds 127.0.0.1:0 and serves `app` with poem's own server (hyper beneath).
    ///
    /// # Panics
    ///
    /// If the port cannot be bound.
    pub async fn start<E>(app: E) -> Self
    where
        E: poem::Endpoint + 'static,
    {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0 for poem");
        let addr = listener.local_addr().expect("poem local address");
        let acceptor = poem::listener::TcpAcceptor::from_tokio(listener).expect("poem acceptor");
        let task = tokio::spawn(async move {
            poem::Server::new_with_acceptor(acceptor)
                .run(app)
                .await
                .expect("poem server");
        });
        PoemServer { addr, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for PoemServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
