import { mount } from 'svelte';
import App from './app/App.svelte';
import { askFirst } from './app/first-asks';
import './app/app.css';

// Asked before the app is mounted: the answers come while it is (app/first-asks.ts).
askFirst();

const target = document.getElementById('app');
if (!target) throw new Error('#app is missing from index.html');

export default mount(App, { target });
