import { mount } from 'svelte';
import App from './app/App.svelte';
import { z } from 'zod';
import './app/app.css';

// zod otherwise probes `new Function` once, which the Content-Security-Policy reports.
z.config({ jitless: true });

mount(App, { target: document.getElementById('app')! });
